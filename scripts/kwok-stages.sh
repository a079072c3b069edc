#!/usr/bin/env bash
# Copies kwok's Stage documents out of its Go module zip into .local/kwok/stages.yaml: the
# "fast" node and pod lifecycles (a Node is Ready at once, a bound Pod is Running and Ready at
# once, a deleted Pod goes away) plus the node heartbeat with leases: a node status refresh every
# 10 to 20 minutes, for a kwok that renews the node's Lease, which it does only when started with
# --node-lease-duration-seconds (scripts/cluster/cluster.ts passes it; without it the node lifecycle
# controller marks the node NotReady after every grace period). kwok reads them with --config.
. "$(dirname "$0")/lib.sh"
dest="$LOCAL_DIR/kwok"
stamp="$dest/.versions"
want="kwok v$KWOK_VERSION"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$dest/stages.yaml" ]; then
  exit 0
fi
rm -rf "$dest"; mkdir -p "$dest"
kwok="$(go_mod_dir "sigs.k8s.io/kwok@v$KWOK_VERSION")"
stage="$kwok/kustomize/stage"
{
  first=1
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
           pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    [ -f "$stage/$f" ] || { log "kwok v$KWOK_VERSION has no $f"; exit 1; }
    [ $first = 1 ] || echo "---"
    first=0
    echo "# from sigs.k8s.io/kwok@v$KWOK_VERSION/kustomize/stage/$f"
    cat "$stage/$f"
  done
} > "$dest/stages.yaml"
echo "$want" > "$stamp"
log "kwok stages copied to $dest/stages.yaml ($want)"
