// Mocha helpers for suites that need the real control plane. A suite either starts a cluster of
// its own (free ports, its own etcd), stopped afterwards, or takes a namespace of its own in a
// cluster the run shares, started by the first suite that asks. A shared cluster is stopped when a
// suite starts that needs another cluster (an idle control plane still burns about 4 s of CPU a
// minute, and a start costs about 10 s, so a cluster is not kept through suites that cannot use
// it), or when the run ends. A watchdog stops every cluster if the test process dies.
import { Cluster, kubectl, StartOptions, startCluster, stopCluster } from "../../scripts/cluster/cluster";

export interface ClusterRef {
    current(): Cluster;
}

/** What a suite may ask of its cluster: nodes (kwok), the Argo controller, its log level. */
export type SuiteClusterOptions = Pick<StartOptions, "nodes" | "argo" | "argoLogLevel">;

/** A cluster of this suite's own, for suites that need the whole cluster (its default namespace, two clusters, ...). */
export function useCluster(prefix: string, opts: SuiteClusterOptions = {}): ClusterRef {
    const name = `${prefix}-${process.pid}`;
    let cluster: Cluster | undefined;
    before(async function () {
        this.timeout(180_000);
        await stopSharedClusters();
        cluster = await startCluster(name, { ...opts, ownerPid: process.pid, log: () => undefined });
    });
    after(async function () {
        this.timeout(60_000);
        await stopCluster(name);
    });
    return { current: () => started(cluster) };
}

export interface NamespaceRef<N extends string | null = string> extends ClusterRef {
    /** This suite's namespace (created before it, deleted after it). */
    namespace: N;
}

const shared = new Map<string, Promise<Cluster>>();
/** How many running suites use each shared cluster (a nested suite may start while an outer one uses it). */
const users = new Map<string, number>();

/**
 * The namespace `namespace` in the run's shared cluster of this kind (`opts`), for suites whose
 * objects all live in one namespace: the cluster start (CRDs installed: most of the time) is paid
 * once for consecutive suites instead of once per suite. The namespace is deleted after the suite,
 * without waiting.
 * `null`: the suite creates and removes namespaces of its own.
 */
export function useSharedCluster<N extends string | null>(namespace: N, opts: SuiteClusterOptions = {}): NamespaceRef<N> {
    const key = `shared-${opts.nodes ? "nodes-" : ""}${opts.argo ? "argo-" : ""}${process.pid}`;
    let cluster: Cluster | undefined;
    before(async function () {
        this.timeout(180_000);
        if (!shared.has(key)) {
            await stopSharedClusters();
            shared.set(key, startCluster(key, { ...opts, ownerPid: process.pid, log: () => undefined }));
        }
        users.set(key, (users.get(key) ?? 0) + 1);
        cluster = await shared.get(key)!;
        if (namespace !== null) kubectl(cluster, ["create", "namespace", namespace]);
    });
    after(function () {
        users.set(key, (users.get(key) ?? 1) - 1);
        if (cluster && namespace !== null) kubectl(cluster, ["delete", "namespace", namespace, "--wait=false"]);
    });
    return { namespace, current: () => started(cluster) };
}

/** Stops the shared clusters no running suite uses. */
async function stopSharedClusters(): Promise<void> {
    for (const [name, starting] of [...shared]) {
        if ((users.get(name) ?? 0) > 0) continue;
        shared.delete(name);
        await starting.catch(() => undefined);
        await stopCluster(name);
    }
}

// Mocha's root suite: runs once, after every suite of the run.
after(async function () {
    this.timeout(60_000);
    await stopSharedClusters();
});

function started(cluster: Cluster | undefined): Cluster {
    if (!cluster) {
        throw new Error("the cluster is not started");
    }
    return cluster;
}

/** Reads one object (cluster-scoped when namespace is null), or undefined when it does not exist. */
export function getObject(c: Cluster, kind: string, name: string, namespace: string | null = "default"): any | undefined {
    try {
        return JSON.parse(kubectl(c, ["get", kind, name, ...(namespace === null ? [] : ["-n", namespace]), "-o", "json"]));
    } catch (e: any) {
        if (/NotFound|not found/.test(String(e.stderr ?? e.message))) {
            return undefined;
        }
        throw e;
    }
}

/** Writes a Rollout's status through the status subresource, as the Argo controller does. */
export function writeRolloutStatus(c: Cluster, name: string, status: object, namespace = "default"): void {
    kubectl(c, ["patch", "rollouts.argoproj.io", name, "-n", namespace, "--subresource=status", "--type=merge",
        "--field-manager=rollouts-controller", "-p", JSON.stringify({ status })]);
}

/** The status of a three-stage canary (10%, 30% until promoted, 60%) waiting at its second stage with 30%. */
export function pausedAtStage2(): object {
    return {
        phase: "Paused", message: "CanaryPauseStep", currentStepIndex: 3,
        pauseConditions: [{ reason: "CanaryPauseStep", startTime: new Date().toISOString() }],
        stableRS: "7d9f8c6b5", currentPodHash: "5c8b7d6f4",
        canary: { weights: { canary: { weight: 30, podTemplateHash: "5c8b7d6f4", serviceName: "shop" },
            stable: { weight: 70, podTemplateHash: "7d9f8c6b5", serviceName: "shop" } } },
    };
}
