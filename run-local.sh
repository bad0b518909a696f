#!/usr/bin/env bash
# One command: builds what is missing, then runs the whole system locally on embedded defaults
# (PostgreSQL, the exchange-simulator, the three services) and drives a demo. Ctrl-C stops everything.
# The orchestration is Java (system-tests/src/main/java/io/exchangebridge/system/LocalRun.java); this script
# only finds a JDK and builds.
set -euo pipefail
cd "$(dirname "$0")"

. scripts/lib/jdk.sh
select_jdk || exit 1

. scripts/lib/build.sh
build_if_stale system-tests credential-service/target/quarkus-app/quarkus-run.jar \
  import-service/target/quarkus-app/quarkus-run.jar smtp-service/target/quarkus-app/quarkus-run.jar \
  system-tests/target/system-tests.jar

echo "Starting Exchange Bridge locally (data under .local/local-run) …"
exec java -jar system-tests/target/system-tests.jar "$@"
