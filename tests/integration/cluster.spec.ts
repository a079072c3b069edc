// The local control plane itself: two clusters side by side, a clean stop, and no stray
// processes when the process that started a cluster dies without stopping it; the end-to-end
// variant (kube-scheduler, kwok's fake nodes, the Argo Rollouts controller) under the same rules.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { Cluster, kubectl, readCluster, startCluster, stopCluster } from "../../scripts/cluster/cluster";
import { repoRoot } from "../../scripts/paths";

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
            // The default stays the API server alone: no nodes, no scheduler, no Argo controller.
            assert.strictEqual(kubectl(c, ["get", "nodes", "-o", "name"]).trim(), "");
            assert.strictEqual(c.pids.length, 4, "etcd, kube-apiserver, kube-controller-manager and the watchdog");
            assert.strictEqual(c.nodes, undefined);
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

    it("a cluster whose owner process dies is stopped by its watchdog, processes started after it included", async () => {
        const name = `orphan-${process.pid}`;
        // A child process starts an end-to-end cluster owned by itself, then exits without stopping
        // it. kube-scheduler, kwok and the Argo controller start after the watchdog does.
        const script = `require("ts-node/register/transpile-only");
            const { startCluster } = require(${JSON.stringify(path.join(repoRoot, "scripts/cluster/cluster.ts"))});
            startCluster(${JSON.stringify(name)}, { ownerPid: process.pid, nodes: true, argo: true, log: () => {} })
              .then((c) => { console.log(JSON.stringify(c.pids)); process.exit(0); },
                    (e) => { console.error(e); process.exit(1); });`;
        const pids: number[] = JSON.parse(execFileSync("node", ["-e", script], { cwd: repoRoot, encoding: "utf8" }));
        try {
            assert.strictEqual(pids.length, 7, "etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok, the Argo controller, the watchdog");
            assert.deepStrictEqual(await waitGone(pids, 30_000), [], "every process of the cluster and the watchdog are gone");
        } finally {
            await stopCluster(name);
        }
    });
});

describe("local cluster with nodes and the Argo Rollouts controller (end-to-end variant)", function () {
    this.timeout(300_000);
    const name = `e2e-${process.pid}`;
    let c: Cluster;

    after(async () => {
        await stopCluster(name);
        await stopCluster(`broken-${process.pid}`);
    });

    it("schedules a Rollout's pods on a kwok node, Running and Ready, and the controller makes it Healthy", async () => {
        c = await startCluster(name, { ownerPid: process.pid, nodes: true, argo: true, log: () => undefined });
        assert.deepStrictEqual(c.nodes, ["kwok-node-0"]);
        assert.strictEqual(c.argo, true);
        kubectl(c, ["apply", "-f", "-"], JSON.stringify({
            apiVersion: "argoproj.io/v1alpha1", kind: "Rollout",
            metadata: { name: "probe", namespace: "default" },
            spec: {
                replicas: 2,
                selector: { matchLabels: { app: "probe" } },
                template: { metadata: { labels: { app: "probe" } }, spec: { containers: [{ name: "app", image: "probe:1" }] } },
                strategy: { canary: { steps: [{ setWeight: 50 }, { pause: {} }] } },
            },
        }));
        const until = Date.now() + 60_000;
        let rollout: any;
        let pods: any[] = [];
        while (Date.now() < until) {
            rollout = JSON.parse(kubectl(c, ["get", "rollouts.argoproj.io", "probe", "-o", "json"]));
            pods = JSON.parse(kubectl(c, ["get", "pods", "-l", "app=probe", "-o", "json"])).items;
            if (rollout.status?.phase === "Healthy" && pods.length === 2) {
                break;
            }
            await new Promise((r) => setTimeout(r, 500));
        }
        assert.strictEqual(rollout.status?.phase, "Healthy", JSON.stringify(rollout.status));
        assert.strictEqual(pods.length, 2);
        for (const pod of pods) {
            assert.strictEqual(pod.spec.nodeName, "kwok-node-0");
            assert.strictEqual(pod.status.phase, "Running");
            assert.ok(pod.status.conditions.some((x: any) => x.type === "Ready" && x.status === "True"), pod.metadata.name);
        }
    });

    it("stop ends kube-scheduler, kwok and the Argo controller with the rest", async () => {
        assert.strictEqual(c.pids.length, 7);
        assert.ok(await stopCluster(name));
        assert.deepStrictEqual(await waitGone(c.pids, 15_000), []);
    });

    it("a start that fails half-way (the Argo controller exits) leaves no process behind and says why", async () => {
        const broken = `broken-${process.pid}`;
        await assert.rejects(startCluster(broken, { ownerPid: process.pid, nodes: true, argo: true, argoLogLevel: "not-a-level", log: () => undefined }),
            /Argo Rollouts controller: the process exited/);
        const left = readCluster(broken);
        assert.ok(left, "the state of the failed cluster is kept for its logs");
        assert.strictEqual(left.pids.length, 7);
        assert.deepStrictEqual(await waitGone(left.pids, 15_000), []);
    });
});
