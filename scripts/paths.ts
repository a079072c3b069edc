// Where things live, for every script and test: the checkout, what the bootstrap puts under
// .local/, and the cache of slow builds outside the checkout. scripts/lib.sh names the same
// places for the shell scripts.
import * as os from "os";
import * as path from "path";

export const repoRoot = path.resolve(__dirname, "..");
/** Everything the bootstrap and the local clusters write inside the checkout (git-ignored). */
export const localDir = path.join(repoRoot, ".local");
/** Links to the built tools: pulumi, kubectl, kube-apiserver, etcd, kwok, ... */
export const toolsBin = path.join(localDir, "bin");
/** One directory per running local cluster. */
export const clustersDir = path.join(localDir, "clusters");
/** The Argo Rollouts and Istio CRDs, copied from their module zips by scripts/crds.sh. */
export const crdsDir = path.join(localDir, "crds");
/** kwok's Stage documents, copied from its module zip by scripts/kwok-stages.sh. */
export const kwokStagesFile = path.join(localDir, "kwok", "stages.yaml");
export const providerDir = path.join(repoRoot, "provider");
/** Slow builds and installs, keyed by version, shared by every clone on the machine (CANARY_CACHE in lib.sh). */
export const cacheDir = process.env.CANARY_CACHE
    ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "canary-delivery");
