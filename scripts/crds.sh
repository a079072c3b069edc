#!/usr/bin/env bash
# Copies the Argo Rollouts and Istio CRDs out of their Go module zips into .local/crds/.
. "$(dirname "$0")/lib.sh"
dest="$LOCAL_DIR/crds"
stamp="$dest/.versions"
want="argo-rollouts v$ARGO_ROLLOUTS_VERSION, istio.io/api v$ISTIO_API_VERSION"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
rm -rf "$dest"; mkdir -p "$dest/argo-rollouts" "$dest/istio"
argo="$(go_mod_dir "github.com/argoproj/argo-rollouts@v$ARGO_ROLLOUTS_VERSION")"
for f in rollout analysis-template cluster-analysis-template analysis-run experiment; do
  cp "$argo/manifests/crds/$f-crd.yaml" "$dest/argo-rollouts/"
done
istio="$(go_mod_dir "istio.io/api@v$ISTIO_API_VERSION")"
cp "$istio/kubernetes/customresourcedefinitions.gen.yaml" "$dest/istio/crds.yaml"
chmod -R u+w "$dest"
echo "$want" > "$stamp"
log "CRDs copied to $dest ($want)"
