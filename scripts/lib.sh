# Shared helpers for scripts/: paths, pinned versions, timed steps. Source, don't run.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=versions.env
. "$REPO_ROOT/scripts/versions.env"
# Slow builds are cached outside the checkout, keyed by version, so a fresh clone reuses them.
CANARY_CACHE="${CANARY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/canary-delivery}"
LOCAL_DIR="$REPO_ROOT/.local"
TOOLS_BIN="$LOCAL_DIR/bin"
export GOFLAGS="${GOFLAGS:--mod=mod}"
# The mirror's checksum database has no entries for some pulumi modules; go.sum pins them instead.
export GONOSUMDB="${GONOSUMDB:-github.com/pulumi}"
# Nothing may reach for the network or Pulumi Cloud.
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# step "what" cmd...: prints what runs, and how long it took.
step() {
  local what="$1"; shift
  local start=$SECONDS
  log "$what ..."
  "$@"
  log "$what: done in $((SECONDS - start))s"
}

# Module directory of MODULE@VERSION in the Go module cache, downloading it if needed.
go_mod_dir() {
  go mod download -json "$1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);if(j.Error){console.error(j.Error);process.exit(1)}console.log(j.Dir)})'
}
