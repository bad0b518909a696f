# Builds packaged modules only when needed, for run-local.sh and the benchmarks in bench/ (source this file).
#
#   build_if_stale <module to package, built with -am> <jar>...
#
# Packages the module (and the modules it needs) when one of the jars is missing or older than any pom or main source
# file of the repository. Every module is looked at, not a hand-kept list: a list left out service-foundation once, so a
# foundation change ran with the old jar.
build_if_stale() {
  local module=$1
  shift
  local reason="" jar newer
  for jar in "$@"; do
    if [ ! -f "$jar" ]; then
      reason="$jar is missing"
      break
    fi
    newer=$(find . \( -path ./.git -o -path ./.local -o -path '*/target' -o -path '*/node_modules' \) -prune -o \
              -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -print 2>/dev/null | head -n 1)
    if [ -n "$newer" ]; then
      reason="$newer is newer than $jar"
      break
    fi
  done
  if [ -n "$reason" ]; then
    echo "Building ($reason): ./mvnw -q -B -DskipTests -pl $module -am package — the first build takes a few minutes …"
    ./mvnw -q -B -DskipTests -pl "$module" -am package
  fi
}
