# Picks a JDK 21 or newer for the project's scripts (run-tests.sh, run-local.sh); source it, then call select_jdk.
#
# Order: $JAVA_HOME if it is a JDK 21+, else the default `java` if it is 21+, else the first JDK 21+ (one with javac)
# under ${JVM_SEARCH_DIR:-/usr/lib/jvm}. On success JAVA_HOME (when one was chosen) is exported and its bin put first
# on the PATH; otherwise it says what it found and what to do, on stderr, and returns 1.

# The major version of a `java` executable (17, 21, 25 …), empty when it does not answer.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

select_jdk() {
  local current="" candidate
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    current=$(java_major "$JAVA_HOME/bin/java")
  elif command -v java >/dev/null 2>&1; then
    current=$(java_major java)
  fi
  if [ -z "$current" ] || [ "$current" -lt 21 ]; then
    for candidate in "${JVM_SEARCH_DIR:-/usr/lib/jvm}"/*; do
      if [ -x "$candidate/bin/javac" ] && [ -x "$candidate/bin/java" ]; then
        local major
        major=$(java_major "$candidate/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
          export JAVA_HOME="$candidate"
          current=$major
          break
        fi
      fi
    done
  fi
  if [ -z "$current" ] || [ "$current" -lt 21 ]; then
    echo "Exchange Bridge needs a JDK 21 or newer; found ${current:-no Java}." >&2
    echo "Install one (e.g. apt-get install openjdk-21-jdk) or point JAVA_HOME at it, then run $0 again." >&2
    return 1
  fi
  if [ -n "${JAVA_HOME:-}" ]; then
    export PATH="$JAVA_HOME/bin:$PATH"
  fi
  echo "Using $(java -version 2>&1 | head -n 1)${JAVA_HOME:+ (JAVA_HOME=$JAVA_HOME)}"
}
