#!/usr/bin/env bash
# Builds (or reuses from the cache) everything the real Pulumi + Kubernetes runs need:
# the Pulumi CLI and its language hosts (Node.js, Python, Go: ours; YAML), the Kubernetes
# provider plugin, etcd, kube-apiserver, kube-controller-manager and kubectl; for the end-to-end
# tier kube-scheduler, kwok and the Argo Rollouts controller; installs npm packages, builds the
# TypeScript, copies the CRDs and kwok's stages. Idempotent: a warm run only checks stamps and links.
# `--demo` builds only what the demo needs.
. "$(dirname "$0")/lib.sh"

# with_ticker "what" cmd...: runs a long command, printing a heartbeat every 30s.
with_ticker() {
  local what="$1"; shift
  # sleep gets no copy of our stdout/stderr, so a pipe reading us closes when we are done.
  ( while sleep 30 </dev/null >/dev/null 2>&1; do log "  ... still $what"; done ) &
  local ticker=$!
  local rc=0
  "$@" || rc=$?
  kill "$ticker" 2>/dev/null; wait "$ticker" 2>/dev/null || true
  return $rc
}

# go_tool KEY MODULE_DIR OUT PACKAGE [LDFLAGS]: builds PACKAGE from the tools module in
# scripts/toolchain/MODULE_DIR into $CANARY_CACHE/KEY/OUT unless it is already there.
go_tool() {
  local key="$1" moddir="$2" out="$3" pkg="$4" ldflags="${5:-}"
  local dest="$CANARY_CACHE/$key/$out"
  if [ ! -x "$dest" ]; then
    mkdir -p "$CANARY_CACHE/$key"
    local start=$SECONDS
    log "building $out ($key) from Go modules; a cold build takes minutes ..."
    ( cd "$REPO_ROOT/scripts/toolchain/$moddir" &&
      with_ticker "building $out" env CGO_ENABLED=0 go build -o "$dest.tmp" -ldflags "$ldflags" "$pkg" )
    mv "$dest.tmp" "$dest"
    log "built $out in $((SECONDS - start))s"
  fi
}

# bundle SRC: the CLI looks for its language hosts next to its own (symlink-resolved)
# binary and warns about any other copy on PATH, so they live in the CLI's directory.
bundle() {
  local target="$CANARY_CACHE/pulumi-v$PULUMI_VERSION/$(basename "$1")"
  cmp -s "$1" "$target" || install -m 0755 "$1" "$target"
  ln -sf "$target" "$TOOLS_BIN/$(basename "$1")"
}

# Our language hosts are built from our own source, so their cache key is a hash of it
# (the Go files and the scripts the Python host embeds).
langhost_key() {
  (cd "$REPO_ROOT/scripts/toolchain/langhost" &&
    cat go.mod go.sum $(find . -type f \( -name '*.go' ! -name '*_test.go' -o -name '*.py' \) | LC_ALL=C sort) |
    sha256sum | cut -c1-12)
}

# The provider's cache key names its version and the patch it is built with.
kubernetes_provider_key() {
  echo "pulumi-kubernetes-v$PULUMI_KUBERNETES_VERSION-$(sha256sum "$REPO_ROOT/scripts/toolchain/kubernetes-provider/patch.ts" | cut -c1-8)"
}

build_toolchain() {
  mkdir -p "$TOOLS_BIN"
  go_tool "pulumi-v$PULUMI_VERSION" pulumi pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
    "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
  bundle "$CANARY_CACHE/pulumi-v$PULUMI_VERSION/pulumi"
  local lh language languages="nodejs python go"
  # The demo is a TypeScript program: it needs no other language host.
  [ "$ONLY_DEMO" = 1 ] && languages="nodejs"
  lh="langhost-$(langhost_key)"
  for language in $languages; do
    go_tool "$lh" langhost "pulumi-language-$language" "./cmd/pulumi-language-$language" \
      "-X canary-delivery/toolchain/langhost/internal/hostkit.pluginVersion=$PULUMI_VERSION"
    bundle "$CANARY_CACHE/$lh/pulumi-language-$language"
  done
  if [ "$ONLY_DEMO" != 1 ]; then
    go_tool "langhost-yaml-v$PULUMI_YAML_VERSION" langhost-yaml pulumi-language-yaml \
      github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml \
      "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$PULUMI_YAML_VERSION"
    bundle "$CANARY_CACHE/langhost-yaml-v$PULUMI_YAML_VERSION/pulumi-language-yaml"
  fi
  local kp="$REPO_ROOT/scripts/toolchain/kubernetes-provider"
  local kpmod
  kpmod="$(go_mod_dir "github.com/pulumi/pulumi-kubernetes/provider/v4@$PULUMI_KUBERNETES_PROVIDER_MODULE")"
  install -m 0644 "$kpmod/cmd/pulumi-resource-kubernetes/schema.json" "$kp/schema.json"
  install -m 0644 "$kpmod/cmd/pulumi-resource-kubernetes/terraform-mapping.json" "$kp/terraform-mapping.json"
  # The provider is built with one upstream bug fixed (its delete awaiter crashes on Argo's
  # string observedGeneration); patch.ts says what and why.
  local kpkey modfile="" && kpkey="$(kubernetes_provider_key)"
  if [ ! -x "$CANARY_CACHE/$kpkey/pulumi-resource-kubernetes" ]; then
    modfile="$(cd "$REPO_ROOT" && npx ts-node --transpile-only "$kp/patch.ts" "$kpmod" "$CANARY_CACHE/$kpkey/patched")"
  fi
  GOFLAGS="$GOFLAGS${modfile:+ -modfile=$modfile}" go_tool "$kpkey" kubernetes-provider pulumi-resource-kubernetes . \
    "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$PULUMI_KUBERNETES_VERSION"
  go_tool "etcd-v$ETCD_VERSION" etcd etcd go.etcd.io/etcd/server/v3
  ln -sf "$CANARY_CACHE/etcd-v$ETCD_VERSION/etcd" "$TOOLS_BIN/etcd"
  local kv="-X k8s.io/component-base/version.gitVersion=v$KUBERNETES_VERSION"
  kv="$kv -X k8s.io/component-base/version.gitMajor=${KUBERNETES_VERSION%%.*}"
  kv="$kv -X k8s.io/component-base/version.gitMinor=$(echo "$KUBERNETES_VERSION" | cut -d. -f2)"
  kv="$kv -X k8s.io/client-go/pkg/version.gitVersion=v$KUBERNETES_VERSION"
  go_tool "kubernetes-v$KUBERNETES_VERSION" kubernetes kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver "$kv"
  # The controller manager's garbage collector and namespace controller finish deletions
  # (foreground propagation, namespace finalizers) exactly as in a real cluster.
  go_tool "kubernetes-v$KUBERNETES_VERSION" kubernetes kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-controller-manager "$kv"
  go_tool "kubernetes-v$KUBERNETES_VERSION" kubernetes kubectl k8s.io/kubernetes/cmd/kubectl "$kv"
  # The end-to-end tier: the scheduler binds pods to kwok's fake nodes.
  go_tool "kubernetes-v$KUBERNETES_VERSION" kubernetes kube-scheduler k8s.io/kubernetes/cmd/kube-scheduler "$kv"
  local b
  for b in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    ln -sf "$CANARY_CACHE/kubernetes-v$KUBERNETES_VERSION/$b" "$TOOLS_BIN/$b"
  done
  build_end_to_end_tools
  # The CLI launches the dynamic-provider plugin by name; @pulumi/pulumi ships its script.
  bundle "$REPO_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
}

# The end-to-end tier's nodes and controller: kwok (fake nodes, pods Running without a kubelet)
# and the Argo Rollouts controller at the version of the CRDs, both run out of cluster.
build_end_to_end_tools() {
  go_tool "kwok-v$KWOK_VERSION" kwok kwok sigs.k8s.io/kwok/cmd/kwok \
    "-X sigs.k8s.io/kwok/pkg/consts.Version=v$KWOK_VERSION"
  ln -sf "$CANARY_CACHE/kwok-v$KWOK_VERSION/kwok" "$TOOLS_BIN/kwok"
  go_tool "argo-rollouts-v$ARGO_ROLLOUTS_VERSION" argo-rollouts rollouts-controller \
    github.com/argoproj/argo-rollouts/cmd/rollouts-controller \
    "-X github.com/argoproj/argo-rollouts/utils/version.version=$ARGO_ROLLOUTS_VERSION"
  ln -sf "$CANARY_CACHE/argo-rollouts-v$ARGO_ROLLOUTS_VERSION/rollouts-controller" "$TOOLS_BIN/rollouts-controller"
}

install_kubernetes_plugin() {
  # Installing from a file means the CLI never tries to download the plugin the npm package asks for.
  # It is deliberately not on PATH: the CLI would use (and warn about) a PATH copy first.
  local plugdir="$PULUMI_HOME/plugins/resource-kubernetes-v$PULUMI_KUBERNETES_VERSION"
  local built="$CANARY_CACHE/$(kubernetes_provider_key)/pulumi-resource-kubernetes"
  if ! cmp -s "$plugdir/pulumi-resource-kubernetes" "$built"; then
    "$TOOLS_BIN/pulumi" plugin install resource kubernetes "v$PULUMI_KUBERNETES_VERSION" --file "$built" --reinstall >/dev/null
    log "installed the kubernetes v$PULUMI_KUBERNETES_VERSION plugin into $PULUMI_HOME"
  fi
}

npm_install() {
  local stamp="$REPO_ROOT/node_modules/.canary-install-stamp"
  local want
  want="$(cat "$REPO_ROOT/package-lock.json" | sha256sum | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  (cd "$REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}

main() {
  local start=$SECONDS
  step "npm packages" npm_install
  step "TypeScript build (provider, policy)" bash -c "cd '$REPO_ROOT' && npx tsc -b provider policy"
  step "CRDs from module zips" bash "$REPO_ROOT/scripts/crds.sh"
  step "kwok stages from its module zip" bash "$REPO_ROOT/scripts/kwok-stages.sh"
  step "toolchain (cache: $CANARY_CACHE)" build_toolchain
  step "kubernetes plugin" install_kubernetes_plugin
  log "bootstrap complete in $((SECONDS - start))s"
}

export PULUMI_HOME="$LOCAL_DIR/pulumi-home"
# --demo: only what `npm run demo` runs (no Python, Go or YAML language host).
ONLY_DEMO=0
[ "${1:-}" = "--demo" ] && ONLY_DEMO=1
main
