#!/usr/bin/env bash
# Peak RSS of each packaged service (issue 19), JVM mode with the production JVM options (deploy/jvm-options) inside
# the manifests' memory limits (-XX:MaxRAM = the pod's limit: credential-service 256 MiB, import-service and
# smtp-service 384 MiB; -XX:ActiveProcessorCount=1 for the 1000m CPU limit), each service its own process, PostgreSQL
# (fsync=on, synchronous_commit=on) and the exchange-simulator in processes of their own (system-tests MemoryStack).
#   mixed:        token hand-outs, REST mail delivered over SMTP and import runs together for --minutes (default 10);
#                 peak RSS (VmHWM) per service at the end.
#   import-sizes: one message of each size in --sizes (MiB, default 0.02,1,10,25), each imported by a freshly
#                 started import-service; its VmHWM before and after, to show whether memory grows with the message.
# See bench/README.md.
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"

usage() {
  cat >&2 <<'USAGE'
Usage: bench/memory.sh [--smoke] [--mode mixed|import-sizes|both] [--minutes M] [--sizes LIST] [--keep]
  --smoke     mixed for 0.5 minutes and import-sizes 0.02,1 (outside a measuring slot)
  --mode      mixed, import-sizes or both (default both)
  --minutes M length of the mixed load (default 10; fractions allowed)
  --sizes L   message sizes in MiB for import-sizes (default 0.02,1,10,25)
  --keep      keep the run folders (logs; the generated passwords)
USAGE
  exit 2
}

mode=both minutes=10 sizes=0.02,1,10,25 keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) minutes=0.5 sizes=0.02,1 ;;
    --mode) mode=$2; shift ;;
    --minutes) minutes=$2; shift ;;
    --sizes) sizes=$2; shift ;;
    --keep) keep=1 ;;
    *) usage ;;
  esac
  shift
done
build_if_stale system-tests credential-service/target/quarkus-app/quarkus-run.jar \
  import-service/target/quarkus-app/quarkus-run.jar smtp-service/target/quarkus-app/quarkus-run.jar \
  system-tests/target/system-tests.jar

load_before=$(load_average)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
rows=()
runs=()

run_mode() {
  local run
  run=$(new_run_dir "memory-$1")
  runs+=("$run")
  say "[$1] PostgreSQL, simulator and services in $run …"
  java -Xmx3g -cp system-tests/target/system-tests.jar io.exchangebridge.system.bench.MemoryStack \
    --home "$run" --mode "$1" --minutes "$minutes" --sizes "$sizes" >"$run/stack.log" 2>&1 &
  BENCH_PIDS+=("$!")
  local pid=$! line
  while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    { grep -h '^STARTED\|^RESULT' "$run/stack.log" 2>/dev/null || true; } | while read -r line; do
      grep -q -x -F "$line" "$run/seen" 2>/dev/null || { echo "$line" >>"$run/seen"; say "[$1] $line"; }
    done
  done
  wait "$pid" || { tail -n 40 "$run/stack.log" >&2; die "MemoryStack $1 failed (log: $run/stack.log)"; }
  postgres=$(awk '/^POSTGRES / {sub(/^POSTGRES /, ""); print; exit}' "$run/stack.log")
  jvm=$(awk '/^STARTED credential-service / {sub(/^STARTED credential-service /, ""); print; exit}' "$run/stack.log")
  while IFS=$'\t' read -r m svc limit peak current other detail; do
    rows+=("$m|$svc|$limit|$peak|$current|$other|$detail")
  done <"$run/memory.tsv"
}

case "$mode" in
  mixed|import-sizes) run_mode "$mode" ;;
  both) run_mode mixed; run_mode import-sizes ;;
  *) usage ;;
esac
load_after=$(load_average)
[ -n "$keep" ] || rm -rf "${runs[@]}"

echo
echo "Peak RSS per service — $started, $(machine_line)"
echo "commit $(commit_line); load average before $load_before, after $load_after; PostgreSQL $postgres"
echo "JVM (credential-service; the others the same with their own -XX:MaxRAM): $jvm"
echo
echo "| run | service | memory limit | peak RSS (VmHWM) | RSS at the end | highest sampled RSS / peak before the import | load |"
echo "|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  IFS='|' read -r m svc limit peak current other detail <<<"$r"
  case "$m" in
    mixed) echo "| mixed, ${minutes} min | $svc | ${limit/MiB/ MiB} | **${peak/MiB/ MiB}** | ${current/MiB/ MiB} | ${other/MiB/ MiB} (sampled) | $detail |" ;;
    *) echo "| import one message | $svc | ${limit/MiB/ MiB} | **${peak/MiB/ MiB}** | ${current/MiB/ MiB} | ${other/MiB/ MiB} (before) | $detail |" ;;
  esac
done
