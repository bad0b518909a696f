# Shared helpers of the bench/ scripts; source it from a script in bench/ (it cds to the repository root).
# Everything runs on this machine over loopback; every process a script starts is stopped by its EXIT trap.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$BENCH_ROOT"
. scripts/lib/jdk.sh
. scripts/lib/build.sh
select_jdk >/dev/null || exit 1

BENCH_PIDS=()

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Stops what this script started (by pid, latest first), then the stack launcher's children stop with it.
bench_cleanup() {
  local i
  for ((i = ${#BENCH_PIDS[@]} - 1; i >= 0; i--)); do
    kill "${BENCH_PIDS[$i]}" 2>/dev/null || true
  done
  for ((i = ${#BENCH_PIDS[@]} - 1; i >= 0; i--)); do
    wait "${BENCH_PIDS[$i]}" 2>/dev/null || true
  done
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

require_file() { [ -f "$1" ] || die "$1 is missing: $2"; }
require_command() { command -v "$1" >/dev/null 2>&1 || die "$1 is not installed (apt-get install $2)"; }

# A run folder; KEEP=1 keeps it (logs, flight recordings, the launcher's env file with the bench's passwords).
new_run_dir() {
  local dir
  dir=$(mktemp -d "/tmp/bench-$1.XXXXXX")
  chmod 755 "$dir"
  echo "$dir"
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

machine_line() {
  local cpu mem
  cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
  mem=$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1024 / 1024}' /proc/meminfo)
  echo "$(nproc) vCPU ($cpu), $mem, $(java -version 2>&1 | head -n 1)"
}

commit_line() {
  local rev
  rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then rev="$rev+changes"; fi
  echo "$rev"
}

# A free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Starts a Java launcher of system-tests in the background; waits until it wrote $2 (its env file).
start_launcher() {
  local class=$1 env_file=$2 log=$3
  shift 3
  require_file system-tests/target/system-tests.jar "./mvnw -B -q -DskipTests package -pl system-tests -am"
  java -Xmx2g -cp system-tests/target/system-tests.jar "$class" "$@" >"$log" 2>&1 &
  local pid=$!
  BENCH_PIDS+=("$pid")
  local waited=0
  while [ ! -f "$env_file" ]; do
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$log" >&2; die "$class stopped while starting (log: $log)"; }
    [ "$waited" -lt 600 ] || die "$class not ready after 300 s (log: $log)"
    sleep 0.5
    waited=$((waited + 1))
  done
}

# CPU ticks (user + system, of the process and its waited-for children) of a pid, from /proc.
cpu_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }
clock_ticks() { getconf CLK_TCK; }

# Peak resident set (VmHWM) and current resident set (VmRSS) of a pid, in MiB.
peak_rss_mib() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# The simulator's count of Entra token requests ($1: its base URL).
entra_token_requests() {
  curl -fsS "$1/_sim/requests?protocol=entra&endpoint=token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'
}

# wrk with a Lua script that prints one "RESULT key=value ..." line; answers that line's values as shell words.
# $1 script, $2 url, $3 seconds, $4 connections, $5 threads
wrk_run() {
  local out
  out=$(wrk -t "$5" -c "$4" -d "${3}s" --timeout 10s -s "$1" "$2" 2>&1) || { say "$out"; die "wrk failed"; }
  printf '%s\n' "$out" | awk '/^RESULT / {sub(/^RESULT /, ""); print}'
}

# Writes a wrk Lua script: method, body, extra header lines ("Name: value"), and the RESULT line at the end.
# The file is readable by the owner only: a header may hold a password or a token.
write_wrk_script() {
  local file=$1 method=$2 body=$3
  shift 3
  {
    echo "wrk.method = \"$method\""
    if [ -n "$body" ]; then
      echo "wrk.body = '$body'"
      echo 'wrk.headers["Content-Type"] = "application/json"'
    fi
    local header
    for header in "$@"; do
      echo "wrk.headers[\"${header%%: *}\"] = \"${header#*: }\""
    done
    cat <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d non2xx=%d socket_errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
LUA
  } >"$file"
  chmod 600 "$file"
}

# nginx with $2 workers serving the folder $1 on 127.0.0.1:$3 (keep-alive like the services: no request limit).
start_nginx() {
  local root=$1 workers=$2 port=$3 dir
  require_command nginx nginx
  dir=$(dirname "$root")/nginx
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<CONF
daemon off;
user root;
worker_processes $workers;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  types { application/json json; }
  server {
    listen 127.0.0.1:$port;
    root $root;
  }
}
CONF
  nginx -c "$dir/nginx.conf" >"$dir/stdout.log" 2>&1 &
  BENCH_PIDS+=("$!")
  local i
  for i in $(seq 1 50); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && return 0
    curl -sS -o /dev/null "http://127.0.0.1:$port/handout.json" 2>/dev/null && return 0
    sleep 0.1
  done
  cat "$dir/error.log" >&2
  die "nginx did not start"
}

# Formats microseconds as milliseconds with two decimals.
ms() { awk -v us="$1" 'BEGIN {printf "%.2f ms", us / 1000}'; }
