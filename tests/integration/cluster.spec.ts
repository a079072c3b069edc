// The local control plane itself: two clusters side by side, a clean stop, and no stray
// processes when the process that started a cluster dies without stopping it.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { Cluster, kubectl, readCluster, repoRoot, startCluster, stopCluster } from "../../scripts/cluster/cluster";

const alive = (pid: number) => {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
};

async function waitGone(pids: number[], ms: number): Promise<number[]> {
    const until = Date.now() + ms;
    while (Date.now() < until && pids.some(alive)) {
        await new Promise((r) => setTimeout(r, 250));
    }
    return pids.filter(alive);
}

describe("local cluster (etcd + kube-apiserver on loopback)", function () {
    this.timeout(300_000);
    const names = [`side-a-${process.pid}`, `side-b-${process.pid}`];
    const clusters: Cluster[] = [];

    after(async () => {
        for (const n of names) {
            await stopCluster(n);
        }
    });

    it("runs two clusters side by side, each with the Argo Rollouts and Istio CRDs", async () => {
        for (const n of names) {
            clusters.push(await startCluster(n, { ownerPid: process.pid, log: () => undefined }));
        }
        assert.notStrictEqual(clusters[0].server, clusters[1].server);
        for (const c of clusters) {
            const crds = kubectl(c, ["get", "crd", "-o", "name"]);
            assert.match(crds, /rollouts\.argoproj\.io/);
            assert.match(crds, /virtualservices\.networking\.istio\.io/);
            assert.match(kubectl(c, ["version", "-o", "json"]), /"gitVersion": "v1\.36\.3"/);
        }
        // Separate etcds: an object in one cluster is not in the other.
        kubectl(clusters[0], ["create", "configmap", "only-in-a"]);
        assert.throws(() => kubectl(clusters[1], ["get", "configmap", "only-in-a"]), /NotFound/);
    });

    it("stop ends every process of the cluster and removes its directory", async () => {
        const c = clusters[0];
        assert.ok(await stopCluster(c.name));
        assert.deepStrictEqual(await waitGone(c.pids, 15_000), []);
        assert.strictEqual(readCluster(c.name), undefined);
    });

    it("a cluster whose owner process dies is stopped by its watchdog", async () => {
        const name = `orphan-${process.pid}`;
        // A child process starts a cluster owned by itself, then exits without stopping it.
        const script = `require("ts-node/register/transpile-only");
            const { startCluster } = require(${JSON.stringify(path.join(repoRoot, "scripts/cluster/cluster.ts"))});
            startCluster(${JSON.stringify(name)}, { ownerPid: process.pid, crds: false, log: () => {} })
              .then((c) => { console.log(JSON.stringify(c.pids)); process.exit(0); },
                    (e) => { console.error(e); process.exit(1); });`;
        const pids: number[] = JSON.parse(execFileSync("node", ["-e", script], { cwd: repoRoot, encoding: "utf8" }));
        try {
            assert.deepStrictEqual(await waitGone(pids, 30_000), [], "etcd, kube-apiserver and the watchdog are gone");
        } finally {
            await stopCluster(name);
        }
    });
});
