// Mocha helpers for suites that need the real control plane: each suite gets its own
// cluster (free ports, its own etcd), stopped afterwards; a watchdog stops it too if
// the test process dies.
import { Cluster, kubectl, startCluster, stopCluster } from "../../scripts/cluster/cluster";

export function useCluster(prefix: string): { current: () => Cluster } {
    const name = `${prefix}-${process.pid}`;
    let cluster: Cluster | undefined;
    before(async function () {
        this.timeout(180_000);
        cluster = await startCluster(name, { ownerPid: process.pid, log: () => undefined });
    });
    after(async function () {
        this.timeout(60_000);
        await stopCluster(name);
    });
    return {
        current: () => {
            if (!cluster) {
                throw new Error("the cluster is not started");
            }
            return cluster;
        },
    };
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
