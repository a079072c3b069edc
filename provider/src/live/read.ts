// Reads the live release while the program runs, so a preview can say where it stands before
// anything is applied, and `pulumi up` can follow it afterwards. Always the cluster of the
// component's Kubernetes provider (see cluster.ts); never fails the deployment: an unreadable
// cluster is reported as such.
import type { RolloutParts } from "./impact";
import type { ClusterChoice } from "./cluster";
import type { ClusterTarget } from "./cluster";
import * as pulumi from "@pulumi/pulumi";
import { KubeClient, KubeError, kubeClient, paths } from "./client";

export type LiveRead =
    | { found: true; rollout: RolloutParts; stableTemplate?: unknown }
    | { found: false }
    | { found: false; error: string };

const messageOf = (err: unknown) => (err as { message?: string }).message ?? String(err);

/** How the live read reaches a cluster: the real client, or what a test gives the component instead. */
export type Connect = (target: ClusterTarget) => Promise<KubeClient>;

/** The client for a known cluster; throws with the reason when it cannot be known. */
export async function clientFor(choice: ClusterChoice, connect: Connect = kubeClient): Promise<KubeClient> {
    if (!choice.known) throw new Error(choice.reason);
    return connect(choice.target);
}

/** The namespace objects of the release live in: the one given, else the provider's default. */
export const namespaceOf = (client: KubeClient, namespace: string | undefined) => namespace || client.defaultNamespace;

/**
 * The live Rollout and the pod template of its stable ReplicaSet (what a rollback returns to).
 * The stable ReplicaSet is read only while a canary is in progress or aborted: that is when the
 * desired template can be the stable one.
 */
export async function readLiveRollout(choice: ClusterChoice, namespace: string | undefined, name: string, connect?: Connect): Promise<LiveRead> {
    try {
        const client = await clientFor(choice, connect);
        const ns = namespaceOf(client, namespace);
        const listed = await sharedInRun(client, `rollouts ${ns}`, () => listRollouts(client, ns));
        const rollout = listed ? listed.get(name) : await client.get<RolloutParts>(paths.rollout(ns, name));
        if (!rollout) return { found: false };
        const status = (rollout.status ?? {}) as { stableRS?: string; currentPodHash?: string };
        if (!status.stableRS || status.stableRS === status.currentPodHash) return { found: true, rollout };
        const stable = await client.get<{ spec?: { template?: unknown } }>(paths.replicaSet(ns, `${name}-${status.stableRS}`));
        return { found: true, rollout, stableTemplate: stable?.spec?.template };
    } catch (err) {
        return { found: false, error: messageOf(err) };
    }
}

/** The live labels of a namespace; `undefined` when it does not exist or cannot be read. */
export async function readNamespaceLabels(choice: ClusterChoice, namespace: string | undefined, connect?: Connect): Promise<Record<string, string> | undefined> {
    try {
        const client = await clientFor(choice, connect);
        const name = namespaceOf(client, namespace);
        const ns = await sharedInRun(client, `namespace ${name}`, () => client.get<{ metadata?: { labels?: Record<string, string> } }>(paths.namespace(name)));
        return ns ? ns.metadata?.labels ?? {} : undefined;
    } catch {
        return undefined;
    }
}

/**
 * What the components of one program run read alike is read once: a namespace's Rollouts in one LIST
 * and the namespace in one GET, where each component would GET its own (a stack of 50 releases made
 * 100 requests). Keyed by the run's connection to the engine, so that the next run (an inline
 * program's next preview, say) reads the cluster afresh, and by the client, one per cluster. Outside a
 * run (the CLI, a test without the engine) nothing is shared.
 */
const runs = new WeakMap<object, WeakMap<KubeClient, Map<string, Promise<unknown>>>>();

function sharedInRun<T>(client: KubeClient, key: string, read: () => Promise<T>): Promise<T> {
    const run = pulumi.runtime.getMonitor();
    if (!run) return read();
    let byClient = runs.get(run);
    if (!byClient) runs.set(run, (byClient = new WeakMap()));
    let reads = byClient.get(client);
    if (!reads) byClient.set(client, (reads = new Map()));
    let found = reads.get(key) as Promise<T> | undefined;
    if (!found) reads.set(key, (found = read()));
    return found;
}

/**
 * The namespace's Rollouts by name; undefined when the API server answers the LIST with anything
 * but the list, and each Rollout is then read on its own: a reader allowed to get but not to list
 * (403), a resource not served (404), or a watch cache still initializing (429 "storage is
 * (re)initializing", which a fresh API server answers a LIST, served from the cache, and not a GET).
 * Only a server that cannot be reached at all fails the read, as a GET would.
 */
async function listRollouts(client: KubeClient, ns: string): Promise<Map<string, RolloutParts> | undefined> {
    try {
        const list = await client.get<{ items?: (RolloutParts & { metadata?: { name?: string } })[] }>(paths.rollouts(ns));
        if (!list || !Array.isArray(list.items)) return undefined;
        return new Map(list.items.map((r) => [String(r.metadata?.name), r]));
    } catch (err) {
        if (err instanceof KubeError && err.status !== undefined) return undefined;
        throw err;
    }
}
