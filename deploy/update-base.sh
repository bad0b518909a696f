#!/usr/bin/env bash
# Copies the manifests quarkus-kubernetes generates (each service's target/kubernetes/kubernetes.yml) into
# deploy/base/generated, in canonical form (sorted keys: the generator's label order varies between builds).
# Run it after changing a quarkus.kubernetes.* property or src/main/kubernetes/; ./mvnw verify fails until you do.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl deploy-checks -am package \
  -Dtest='io.exchangebridge.deploy.GeneratedManifestsTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddeploy.update-base=true
git status --short deploy/base/generated
