#!/usr/bin/env bash
# The README's test command, and exactly what CI runs (.ci/run): picks a JDK 21+, makes sure the tools the tests use
# outside Java are there, then runs ./mvnw -B verify with any arguments given to it (e.g. -DskipITs, -pl …).
#
# The tools: the system Chromium and its driver for the admin UI's browser tests (credential-service), kubectl
# 1.27+ for the deploy checks (deploy-checks renders the overlays with `kubectl kustomize`; no cluster is used), and
# Debian's prometheus package: promtool checks the alert rules (deploy-checks), prometheus runs system-tests'
# DashboardQueriesIT.
# What is missing is installed with apt-get when this user can (root, or sudo without a password prompt); when it
# cannot, the script stops at once and names the packages, rather than letting the build fail in a test much later.
set -euo pipefail
cd "$(dirname "$0")"

. scripts/lib/jdk.sh
select_jdk || exit 1

# Where the browser tests look for them (credential-service/src/test/…/testing/Browser.java reads the same variables).
chromium=${CHROMIUM:-/usr/bin/chromium}
chromedriver=${CHROMEDRIVER:-/usr/bin/chromedriver}

# kubectl 1.27 or newer (kustomize 5). Debian's own "kubernetes-client" package is kubectl 1.20 (kustomize 2), too old
# for the overlays, so only the package "kubectl" (pkgs.k8s.io or Google Cloud's apt repository) is installed.
kubectl_ok() {
  command -v kubectl >/dev/null 2>&1 || return 1
  local minor
  minor=$(kubectl version --client 2>/dev/null | sed -n 's/^Client Version: v1\.\([0-9][0-9]*\).*/\1/p' | head -n 1)
  [ -n "$minor" ] && [ "$minor" -ge 27 ]
}
browser_ok() { [ -x "$chromium" ] && [ -x "$chromedriver" ]; }
prometheus_ok() { command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; }

# apt-get as root, or through sudo when it asks for no password; nothing when neither is possible.
as_root=none
if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root="sudo -n"
fi
apt_updated=""
apt_install() {
  [ "$as_root" != none ] && command -v apt-get >/dev/null 2>&1 || return 1
  echo "Installing $* with apt-get …"
  if [ -z "$apt_updated" ]; then
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || echo "apt-get update failed; trying the install anyway" >&2
    apt_updated=yes
  fi
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# Separate installs: a system without a kubectl repository can still get Chromium, and the other way round.
browser_ok || apt_install chromium chromium-driver || true
kubectl_ok || apt_install kubectl || true
prometheus_ok || apt_install prometheus || true

missing=()
why=()
if ! browser_ok; then
  missing+=(chromium chromium-driver)
  why+=("  chromium chromium-driver  the admin UI's browser tests run $chromium with $chromedriver")
fi
if ! kubectl_ok; then
  missing+=(kubectl)
  found=$(command -v kubectl >/dev/null 2>&1 && kubectl version --client 2>/dev/null | head -n 1 || echo "none on the PATH")
  why+=("  kubectl                   1.27+ for the deploy checks (found: $found); Debian's kubernetes-client is too old,"
        "                            take the kubectl package of pkgs.k8s.io (https://kubernetes.io/docs/tasks/tools/)")
fi
if ! prometheus_ok; then
  missing+=(prometheus)
  why+=("  prometheus                promtool for the alert rule checks, prometheus for DashboardQueriesIT")
fi
if [ ${#missing[@]} -gt 0 ]; then
  {
    echo "Cannot run the tests: missing ${missing[*]}."
    printf '%s\n' "${why[@]}"
    if [ "$as_root" = none ]; then
      echo "This user cannot install packages (not root, no password-less sudo). Install them, e.g.:"
    else
      echo "Installing them with apt-get failed (see above). Install them, e.g.:"
    fi
    echo "  sudo apt-get update && sudo apt-get install ${missing[*]}"
    echo "then run $0 again."
  } >&2
  exit 3
fi
echo "Using $chromium, $chromedriver, kubectl $(kubectl version --client 2>/dev/null | sed -n "s/^Client Version: //p" | head -n 1)"

echo "Running ./mvnw -B verify $*"
exec ./mvnw -B verify "$@"
