#!/usr/bin/env bash
# `npm test`: bootstraps what is missing, type-checks, then runs every suite in one mocha
# run: unit, component (mocks), policy, integration (real CLI + local API server) and end to end
# (real CLI + local cluster with kwok nodes and the Argo Rollouts controller).
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
bash scripts/bootstrap.sh
step "type-check (tests, scripts)" npx tsc -p tsconfig.json --noEmit
suites=()
for tier in unit component policy integration e2e; do
  [ -d "tests/$tier" ] && suites+=("tests/$tier/**/*.spec.ts")
done
log "mocha: ${suites[*]}"
start=$SECONDS
npx mocha "${suites[@]}" "$@"
log "all suites done in $((SECONDS - start))s"
