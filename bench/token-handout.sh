#!/usr/bin/env bash
# Cached token hand-out of the packaged credential-service next to nginx serving the same answer from a file, side by
# side in one run (issue 19). Starts PostgreSQL (fsync=on, synchronous_commit=on), the exchange-simulator and the
# credential-service (default JVM flags) as separate processes (system-tests HandoutStack), registers a
# client-credentials credential, fetches its token once, warms up, then loads from wrk (its own process):
#   nginx (2 workers, GET of the same JSON bytes), the hand-out with HTTP Basic, the hand-out with an Entra bearer token.
# Prints requests/s, latency percentiles, the service's CPU per 1,000 requests and the Entra token requests the
# simulator received during each measured run (must be 0). See bench/README.md.
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"

usage() {
  cat >&2 <<'USAGE'
Usage: bench/token-handout.sh [--smoke] [--duration S] [--warmup S] [--connections N] [--threads N] [--rounds N]
                              [--app QUARKUS_APP_DIR[=LABEL]]... [--jfr DIR] [--keep]
  --smoke         10 s warm-up and 10 s per row (under a minute of load, for use outside a measuring slot)
  --duration S    seconds per measured row (default 30)      --warmup S   warm-up seconds (default 60)
  --connections N wrk connections (default 16)               --threads N  wrk threads (default 2)
  --rounds N      measured rounds of the three rows (default 1)
  --app DIR=LABEL a credential-service quarkus-app folder to measure (repeatable: measured one after the other,
                  e.g. a "before" copy and the build); default credential-service/target/quarkus-app=build
  --jfr DIR       record the service with JFR (settings=profile) into DIR/<label>.jfr
  --keep          keep the run folder (logs, the env file with the bench's generated passwords)
USAGE
  exit 2
}

duration=30 warmup=60 connections=16 threads=2 rounds=1 jfr="" keep="" apps=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) duration=10 warmup=10 ;;
    --duration) duration=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --connections) connections=$2; shift ;;
    --threads) threads=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --app) apps+=("$2"); shift ;;
    --jfr) jfr=$(mkdir -p "$2" && cd "$2" && pwd); shift ;;
    --keep) keep=1 ;;
    *) usage ;;
  esac
  shift
done
if [ ${#apps[@]} -eq 0 ]; then
  apps=("credential-service/target/quarkus-app=build")
  build_if_stale system-tests credential-service/target/quarkus-app/quarkus-run.jar system-tests/target/system-tests.jar
else
  build_if_stale system-tests system-tests/target/system-tests.jar
fi
require_command wrk wrk
require_command curl curl

results=()   # "label|row|rps|p50|p99|max|non2xx|cpu_per_1000|entra"
load_before=$(load_average)
started=$(date -u '+%Y-%m-%d %H:%M UTC')

measure_app() {
  local app=${1%%=*} label=${1#*=} run
  [ "$label" != "$1" ] || label=$(basename "$(dirname "$app")")
  require_file "$app/quarkus-run.jar" "package it: ./mvnw -B -q -DskipTests package -pl credential-service -am"
  run=$(new_run_dir handout)
  [ -n "$keep" ] || trap_add_remove "$run"
  local jvm=()
  if [ -n "$jfr" ]; then
    jvm=(--jvm "-XX:StartFlightRecording=filename=$jfr/$label.jfr,settings=profile,dumponexit=true")
  fi
  say "[$label] starting PostgreSQL, simulator and credential-service ($app) in $run …"
  start_launcher io.exchangebridge.system.bench.HandoutStack "$run/handout.env" "$run/stack.log" \
    --home "$run" --app "$(cd "$app" && pwd)" "${jvm[@]}"
  # shellcheck disable=SC1091
  . "$run/handout.env"
  local launcher=${BENCH_PIDS[-1]}
  say "[$label] PostgreSQL: $POSTGRES_SETTINGS"

  mkdir -p "$run/www"
  cp "$run/handout.json" "$run/www/handout.json"
  chmod -R a+rX "$run/www"
  local nginx_port
  nginx_port=$(free_port)
  start_nginx "$run/www" 2 "$nginx_port"
  local nginx_url="http://127.0.0.1:$nginx_port/handout.json"
  local basic
  basic=$(printf '%s:%s' "$BASIC_USER" "$BASIC_PASSWORD" | base64 -w0)
  write_wrk_script "$run/nginx.lua" GET ""
  write_wrk_script "$run/basic.lua" POST '{"resource":"graph"}' "Authorization: Basic $basic"
  write_wrk_script "$run/bearer.lua" POST '{"resource":"graph"}' "Authorization: Bearer $BEARER_TOKEN"
  local url="$SERVICE_URL$TOKEN_PATH" rows=(nginx basic)
  if curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $BEARER_TOKEN" \
      -d '{"resource":"graph"}' "$url"; then
    rows+=(bearer)
  else
    say "[$label] this credential-service does not accept the bearer token: no bearer row"
  fi
  say "[$label] answer: $(wc -c <"$run/handout.json") bytes; warming up ${warmup} s …"
  local each=$((warmup / ${#rows[@]} > 0 ? warmup / ${#rows[@]} : 1)) row
  wrk_run "$run/basic.lua" "$url" $((warmup - each * (${#rows[@]} - 1))) "$connections" "$threads" >/dev/null
  for row in "${rows[@]:2}"; do wrk_run "$run/$row.lua" "$url" "$each" "$connections" "$threads" >/dev/null; done
  wrk_run "$run/nginx.lua" "$nginx_url" "$each" "$connections" "$threads" >/dev/null

  local round
  for round in $(seq 1 "$rounds"); do
    for row in "${rows[@]}"; do
      local target=$url pid=$SERVICE_PID
      [ "$row" != nginx ] || target=$nginx_url
      local entra0 cpu0 line entra1 cpu1
      entra0=$(entra_token_requests "$SIM_URL")
      cpu0=$([ "$row" = nginx ] && nginx_cpu "$run" || cpu_ticks "$pid")
      line=$(wrk_run "$run/$row.lua" "$target" "$duration" "$connections" "$threads")
      cpu1=$([ "$row" = nginx ] && nginx_cpu "$run" || cpu_ticks "$pid")
      entra1=$(entra_token_requests "$SIM_URL")
      local requests duration_us non2xx socket_errors p50_us p90_us p99_us max_us
      eval "$line"
      local rps cpu
      rps=$(awk -v r="$requests" -v d="$duration_us" 'BEGIN {printf "%.0f", r / (d / 1e6)}')
      cpu=$(awk -v c=$((cpu1 - cpu0)) -v hz="$(clock_ticks)" -v r="$requests" \
        'BEGIN {printf "%.0f ms", c / hz * 1000 / (r / 1000)}')
      results+=("$label|$row|$rps|$p50_us|$p99_us|$max_us|$((non2xx + socket_errors))|$cpu|$((entra1 - entra0))")
      say "[$label] round $round $row: $rps requests/s, p99 $(ms "$p99_us")"
    done
  done
  if grep -q -F -e "$BASIC_PASSWORD" -e "$BEARER_TOKEN" "$SERVICE_LOG"; then
    die "a password or token of the bench appears in the service log $SERVICE_LOG"
  fi
  kill "$launcher" 2>/dev/null || true
  wait "$launcher" 2>/dev/null || true
  kill "$(cat "$run/nginx/nginx.pid")" 2>/dev/null || true
}

# The nginx master's and workers' CPU ticks together.
nginx_cpu() {
  local master total=0 p
  master=$(cat "$1/nginx/nginx.pid")
  for p in $master $(pgrep -P "$master"); do total=$((total + $(cpu_ticks "$p"))); done
  echo "$total"
}

REMOVE_DIRS=()
trap_add_remove() { REMOVE_DIRS+=("$1"); }
remove_dirs() { bench_cleanup; [ ${#REMOVE_DIRS[@]} -eq 0 ] || rm -rf "${REMOVE_DIRS[@]}"; }
trap remove_dirs EXIT

for app in "${apps[@]}"; do measure_app "$app"; done
load_after=$(load_average)

echo
echo "Cached token hand-out vs nginx — $started, $(machine_line)"
echo "commit $(commit_line); load average before $load_before, after $load_after; wrk -t $threads -c $connections," \
  "${warmup} s warm-up, ${duration} s per row, $rounds round(s); credential-service with default JVM flags"
echo
echo "| build | target | requests/s | × nginx | p50 | p99 | max | errors | service CPU per 1,000 | Entra token calls |"
echo "|---|---|---|---|---|---|---|---|---|---|"
declare -A nginx_rps
for r in "${results[@]}"; do
  IFS='|' read -r label row rps _ <<<"$r"
  [ "$row" != nginx ] || nginx_rps[$label]=$rps
done
for r in "${results[@]}"; do
  IFS='|' read -r label row rps p50 p99 max errors cpu entra <<<"$r"
  case "$row" in
    nginx) name="nginx, same JSON from a file (2 workers, GET)"; entra="—" ;;
    basic) name='`POST /api/credentials/{id}/token`, HTTP Basic' ;;
    bearer) name='`POST /api/credentials/{id}/token`, Entra bearer token' ;;
  esac
  ratio=$(awk -v a="$rps" -v b="${nginx_rps[$label]}" 'BEGIN {printf "%.2f×", a / b}')
  echo "| $label | $name | $rps | $ratio | $(ms "$p50") | $(ms "$p99") | $(ms "$max") | $errors | $cpu | $entra |"
done
