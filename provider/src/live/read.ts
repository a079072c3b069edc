// Reads the live Rollout of a release from the cluster while the program runs, so a preview
// can say where the release stands before anything is applied. It uses the same cluster the
// Kubernetes provider uses by default: the `kubernetes:kubeconfig` / `kubernetes:context`
// stack config, else KUBECONFIG or ~/.kube/config. Never fails the deployment: an unreadable
// cluster is reported as such.
import type { RolloutParts } from "./impact";

export type LiveRead =
    | { found: true; rollout: RolloutParts }
    | { found: false }
    | { found: false; error: string };

export interface ClusterConfig {
    /** A kubeconfig path or the kubeconfig document itself (as `kubernetes:kubeconfig` accepts). */
    kubeconfig?: string;
    context?: string;
}

const TIMEOUT_MS = 10_000;

// @kubernetes/client-node is an ES module; this package compiles to CommonJS, where TypeScript
// would turn `import()` into `require()`, which cannot load it on Node 20.
const importEsm = new Function("m", "return import(m)") as (m: string) => Promise<typeof import("@kubernetes/client-node")>;

export async function readLiveRollout(cluster: ClusterConfig, namespace: string | undefined, name: string): Promise<LiveRead> {
    try {
        const k8s = await importEsm("@kubernetes/client-node");
        const kc = new k8s.KubeConfig();
        const source = cluster.kubeconfig;
        if (source && /\n|^\s*(apiVersion|clusters|\{)/.test(source)) kc.loadFromString(source);
        else if (source) kc.loadFromFile(source);
        else kc.loadFromDefault();
        if (cluster.context) kc.setCurrentContext(cluster.context);
        const ns = namespace ?? kc.getContextObject(kc.getCurrentContext())?.namespace ?? "default";
        const api = kc.makeApiClient(k8s.CustomObjectsApi);
        const request = api.getNamespacedCustomObject({ group: "argoproj.io", version: "v1alpha1", namespace: ns, plural: "rollouts", name });
        const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer from the cluster in ${TIMEOUT_MS / 1000}s`)), TIMEOUT_MS).unref());
        const rollout = await Promise.race([request, timeout]) as RolloutParts;
        return { found: true, rollout };
    } catch (err) {
        const e = err as { code?: number; message?: string };
        if (e.code === 404) return { found: false };
        return { found: false, error: e.message ?? String(err) };
    }
}
