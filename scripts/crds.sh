#!/usr/bin/env bash
# Copies the Argo Rollouts, Istio and Gateway API CRDs out of their Go module zips into .local/crds/.
. "$(dirname "$0")/lib.sh"
dest="$LOCAL_DIR/crds"
stamp="$dest/.versions"
want="argo-rollouts v$ARGO_ROLLOUTS_VERSION, istio.io/api v$ISTIO_API_VERSION, gateway-api v$GATEWAY_API_VERSION"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
# Built aside and swapped in, so a test reading the old set never sees a half-copied one.
next="$dest.next.$$"
rm -rf "$next"; mkdir -p "$next/argo-rollouts" "$next/istio" "$next/gateway-api"
argo="$(go_mod_dir "github.com/argoproj/argo-rollouts@v$ARGO_ROLLOUTS_VERSION")"
for f in rollout analysis-template cluster-analysis-template analysis-run experiment; do
  cp "$argo/manifests/crds/$f-crd.yaml" "$next/argo-rollouts/"
done
istio="$(go_mod_dir "istio.io/api@v$ISTIO_API_VERSION")"
cp "$istio/kubernetes/customresourcedefinitions.gen.yaml" "$next/istio/crds.yaml"
# The standard channel's core: what an HTTPRoute and the Gateway API traffic router refer to.
gateway="$(go_mod_dir "sigs.k8s.io/gateway-api@v$GATEWAY_API_VERSION")"
for f in gatewayclasses gateways httproutes grpcroutes referencegrants; do
  cp "$gateway/config/crd/standard/gateway.networking.k8s.io_$f.yaml" "$next/gateway-api/"
done
chmod -R u+w "$next"
echo "$want" > "$next/.versions"
rm -rf "$dest"; mv "$next" "$dest"
log "CRDs copied to $dest ($want)"
