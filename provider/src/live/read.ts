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
const importEsm = new Function("m", "return import(m)") as (m: string) => Promise<ClientModule>;

type ClientModule = typeof import("@kubernetes/client-node");

async function connect(cluster: ClusterConfig): Promise<{ k8s: ClientModule; kc: import("@kubernetes/client-node").KubeConfig }> {
    const k8s = await importEsm("@kubernetes/client-node");
    const kc = new k8s.KubeConfig();
    const source = cluster.kubeconfig;
    if (source && /\n|^\s*(apiVersion|clusters|\{)/.test(source)) kc.loadFromString(source);
    else if (source) kc.loadFromFile(source);
    else kc.loadFromDefault();
    if (cluster.context) kc.setCurrentContext(cluster.context);
    return { k8s, kc };
}

/** Reads one object; `undefined` when it does not exist. Throws when the cluster cannot be read. */
async function readObject<T>(cluster: ClusterConfig, read: (c: Awaited<ReturnType<typeof connect>>, defaultNs: string) => Promise<unknown>): Promise<T | undefined> {
    const c = await connect(cluster);
    const defaultNs = c.kc.getContextObject(c.kc.getCurrentContext())?.namespace ?? "default";
    const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no answer from the cluster in ${TIMEOUT_MS / 1000}s`)), TIMEOUT_MS).unref());
    try {
        return await Promise.race([read(c, defaultNs), timeout]) as T;
    } catch (err) {
        if ((err as { code?: number }).code === 404) return undefined;
        throw err;
    }
}

const messageOf = (err: unknown) => (err as { message?: string }).message ?? String(err);

export async function readLiveRollout(cluster: ClusterConfig, namespace: string | undefined, name: string): Promise<LiveRead> {
    try {
        const rollout = await readObject<RolloutParts>(cluster, ({ k8s, kc }, defaultNs) =>
            kc.makeApiClient(k8s.CustomObjectsApi).getNamespacedCustomObject({
                group: "argoproj.io", version: "v1alpha1", namespace: namespace ?? defaultNs, plural: "rollouts", name,
            }));
        return rollout ? { found: true, rollout } : { found: false };
    } catch (err) {
        return { found: false, error: messageOf(err) };
    }
}

/** The live labels of a namespace; `undefined` when it does not exist or cannot be read. */
export async function readNamespaceLabels(cluster: ClusterConfig, namespace: string | undefined): Promise<Record<string, string> | undefined> {
    try {
        const ns = await readObject<{ metadata?: { labels?: Record<string, string> } }>(cluster, ({ k8s, kc }, defaultNs) =>
            kc.makeApiClient(k8s.CoreV1Api).readNamespace({ name: namespace ?? defaultNs }));
        return ns ? ns.metadata?.labels ?? {} : undefined;
    } catch {
        return undefined;
    }
}
