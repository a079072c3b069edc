// Reads the live release while the program runs, so a preview can say where it stands before
// anything is applied, and `pulumi up` can follow it afterwards. Always the cluster of the
// component's Kubernetes provider (see cluster.ts); never fails the deployment: an unreadable
// cluster is reported as such.
import type { RolloutParts } from "./impact";
import type { ClusterChoice } from "./cluster";
import type { ClusterTarget } from "./cluster";
import { KubeClient, kubeClient, paths } from "./client";

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
        const rollout = await client.get<RolloutParts>(paths.rollout(ns, name));
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
        const ns = await client.get<{ metadata?: { labels?: Record<string, string> } }>(paths.namespace(namespaceOf(client, namespace)));
        return ns ? ns.metadata?.labels ?? {} : undefined;
    } catch {
        return undefined;
    }
}
