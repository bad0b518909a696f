#!/usr/bin/env bash
# One command: builds what is missing, then runs the whole system locally on embedded defaults
# (PostgreSQL, the exchange-simulator, the three services) and drives a demo. Ctrl-C stops everything.
# The orchestration is Java (system-tests/src/main/java/io/exchangebridge/system/LocalRun.java); this script
# only finds a JDK and builds.
set -euo pipefail
cd "$(dirname "$0")"

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }

current=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  current=$(java_major "$JAVA_HOME/bin/java")
elif command -v java >/dev/null 2>&1; then
  current=$(java_major java)
fi
if [ -z "$current" ] || [ "$current" -lt 21 ]; then
  for candidate in "${JVM_SEARCH_DIR:-/usr/lib/jvm}"/*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      current=21
      break
    fi
  done
fi
if [ -z "$current" ] || [ "$current" -lt 21 ]; then
  echo "Exchange Bridge needs a JDK 21 or newer; found ${current:-no Java}." >&2
  echo "Install one (e.g. apt-get install openjdk-21-jdk) or point JAVA_HOME at it, then run $0 again." >&2
  exit 1
fi
if [ -n "${JAVA_HOME:-}" ]; then
  export PATH="$JAVA_HOME/bin:$PATH"
fi
echo "Using $(java -version 2>&1 | head -n 1)"

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
