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
