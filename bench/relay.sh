#!/usr/bin/env bash
# Relay throughput and CPU per message (issue 19): the packaged smtp-service, credential-service, the
# exchange-simulator and PostgreSQL (fsync and synchronous_commit on) each in its own process, SMTP load from another
# process, 4, 16 and 64 connections. Prints a table and appends it to .local/bench-relay/results.md.
#
#   bench/relay.sh                                   # the current build of smtp-service
#   bench/relay.sh --builds=before=/tmp/bench-before-smtp/quarkus-app/quarkus-run.jar,after=smtp-service/target/quarkus-app/quarkus-run.jar --rounds=2
#
# Options (all --key=value): --builds, --rounds (1), --connections (4,16,64), --messages (4000 per run),
# --warm-up (4000), --timeout-ms (30000, the client's read timeout), --jfr=<build label>[,...] (a flight recording
# of that build's relay under .local/bench-relay/jfr), --home (.local/bench-relay; emptied at start).
# The orchestration is Java: system-tests/src/main/java/io/exchangebridge/system/bench/RelayBench.java.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib/jdk.sh
select_jdk || exit 1

. scripts/lib/build.sh
build_if_stale system-tests credential-service/target/quarkus-app/quarkus-run.jar \
  smtp-service/target/quarkus-app/quarkus-run.jar system-tests/target/system-tests.jar

exec java -cp system-tests/target/system-tests.jar io.exchangebridge.system.bench.RelayBench "$@"
