#!/usr/bin/env bash
# One command: builds what is missing, then runs the whole system locally on embedded defaults
# (PostgreSQL, the exchange-simulator, the three services) and drives a demo. Ctrl-C stops everything.
# The orchestration is Java (system-tests/src/main/java/io/exchangebridge/system/LocalRun.java); this script
# only finds a JDK and builds.
set -euo pipefail
cd "$(dirname "$0")"

. scripts/lib/jdk.sh
select_jdk || exit 1

# Build only when a launcher is missing or older than any source or pom of the modules it is built from.
launchers=(credential-service/target/quarkus-app/quarkus-run.jar import-service/target/quarkus-app/quarkus-run.jar
           smtp-service/target/quarkus-app/quarkus-run.jar system-tests/target/system-tests.jar)
needs_build=""
for jar in "${launchers[@]}"; do
  if [ ! -f "$jar" ]; then
    needs_build="$jar is missing"
    break
  fi
  newer=$(find pom.xml test-support exchange-simulator credential-service import-service smtp-service system-tests \
            \( -path '*/target' -prune \) -o \( -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -print \) \
            2>/dev/null | head -n 1)
  if [ -n "$newer" ]; then
    needs_build="$newer is newer than $jar"
    break
  fi
done
if [ -n "$needs_build" ]; then
  echo "Building ($needs_build) — the first build takes a few minutes …"
  ./mvnw -q -B -DskipTests -pl system-tests -am package
fi

echo "Starting Exchange Bridge locally (data under .local/local-run) …"
exec java -jar system-tests/target/system-tests.jar "$@"
