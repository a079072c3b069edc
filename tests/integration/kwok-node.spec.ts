// The end-to-end cluster's kwok node heartbeats the way a kubelet does: kwok holds the node's
// Lease in kube-node-lease and renews it, so kube-controller-manager never runs out its node
// monitor grace period, marks the node NotReady and its pods Ready=False (which it did every
// 55 s while kwok ran without --node-lease-duration-seconds). `npm run soak` watches the same
// through a 10-minute release.
import * as assert from "assert";
import { Cluster, kubectl, nodeLeaseDurationSeconds, nodeMonitorGracePeriodSeconds, startCluster, stopCluster } from "../../scripts/cluster/cluster";
import { disruptionLines, healthy, nodeHealth, watchNode, watchPods } from "../../scripts/cluster/node-health";

describe("kwok node of the end-to-end cluster", function () {
    this.timeout(180_000);
    const name = `kwok-node-${process.pid}`;
    let c: Cluster;

    before(async () => {
        c = await startCluster(name, { ownerPid: process.pid, nodes: true, log: () => undefined });
    });
    after(async () => {
        await stopCluster(name);
    });

    it("holds and renews its Lease, and it and its pods stay Ready past the node monitor grace period", async () => {
        const node = c.nodes![0];
        const first = nodeHealth(c, node);
        assert.ok(first.lease, `no Lease kube-node-lease/${node}: kwok does not heartbeat the node`);
        assert.match(first.lease.holder ?? "", /_/, "holderIdentity is kwok's id (hostname_uuid)");
        assert.strictEqual(first.lease.durationSeconds, nodeLeaseDurationSeconds);
        assert.ok(healthy(first), JSON.stringify(first));
        kubectl(c, ["create", "deployment", "app", "--image=app:1", "--replicas=2"]);
        // A flap lasts under a second (kwok sets Ready back at once): watches see it, polls may not.
        const nodeWatch = watchNode(c, node);
        const podsWatch = watchPods(c, "app=app");
        // Past the grace period plus the controller's 5 s monitor period: without renewals the
        // node is NotReady by then.
        const watchSeconds = nodeMonitorGracePeriodSeconds + 10;
        const until = Date.now() + watchSeconds * 1000;
        const renewals = new Set<string>();
        try {
            while (Date.now() < until) {
                await new Promise((r) => setTimeout(r, 2000));
                const h = nodeHealth(c, node);
                assert.ok(healthy(h), `node ${node} not healthy: ${JSON.stringify(h)}`);
                assert.strictEqual(h.lease?.holder, first.lease.holder, "the same kwok holds the Lease");
                renewals.add(h.lease!.renewTime!);
            }
        } finally {
            nodeWatch.stop();
            podsWatch.stop();
        }
        renewals.delete(first.lease.renewTime!);
        assert.deepStrictEqual(nodeWatch.unhealthy, [], "every version of the node the watch saw was Ready, untainted");
        assert.ok(nodeWatch.updates() > 0, "the node watch ran");
        // kwok renews at a quarter of the lease duration, as the kubelet does.
        const expected = Math.floor(watchSeconds / (nodeLeaseDurationSeconds / 4)) - 1;
        assert.ok(renewals.size >= expected, `the Lease was renewed ${renewals.size} times in ${watchSeconds}s, expected at least ${expected}`);
        assert.deepStrictEqual(podsWatch.lostReady, [], "no pod lost Ready");
        const pods = JSON.parse(kubectl(c, ["get", "pods", "-l", "app=app", "-o", "json"])).items as any[];
        assert.strictEqual(pods.filter((p) => p.status.conditions?.some((x: any) => x.type === "Ready" && x.status === "True")).length, 2);
        assert.deepStrictEqual(disruptionLines(c), [], "kube-controller-manager entered no disruption mode");
    });
});
