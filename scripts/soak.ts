// `npm run soak [-- --minutes N] [-- --every S]`: proves the end-to-end cluster's kwok node
// stays healthy through a long release. It starts its own end-to-end cluster (kube-scheduler,
// kwok, the Argo Rollouts controller), releases v1 of a replica-count Rollout, then v2 whose
// canary holds a timed pause of N minutes (default 10) before it completes, and samples every S
// seconds (default 5) until the release is Healthy: the node's Ready condition and taints, its
// Lease, kube-controller-manager's "disruption mode" lines and NodeNotReady events, and the pods
// of the Rollout; watches on the node and the pods catch what falls between two samples. Any
// NotReady (or tainted) node version, disruption line, NotReady event, or pod losing Ready fails
// it (exit 1). Not part of `npm test`: it takes N minutes by design.
import { Cluster, kubectl, nodeMonitorGracePeriodSeconds, startCluster, stopCluster } from "./cluster/cluster";
import { disruptionLines, healthy, nodeHealth, watchNode, watchPods } from "./cluster/node-health";

const ROLLOUT = "rollouts.argoproj.io";
const APP = "soak";
const REPLICAS = 4;

function arg(name: string, fallback: number): number {
    const i = process.argv.indexOf(`--${name}`);
    const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
    if (!(v > 0)) {
        throw new Error(`--${name} needs a positive number`);
    }
    return v;
}

const say = (m: string) => process.stdout.write(`[soak] ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mmss = (ms: number) => `${Math.floor(ms / 60_000)}m${String(Math.floor(ms / 1000) % 60).padStart(2, "0")}s`;

function rollout(image: string, pauseSeconds: number): string {
    return JSON.stringify({
        apiVersion: "argoproj.io/v1alpha1", kind: "Rollout",
        metadata: { name: APP, namespace: "default" },
        spec: {
            replicas: REPLICAS,
            selector: { matchLabels: { app: APP } },
            template: { metadata: { labels: { app: APP } }, spec: { containers: [{ name: "app", image }] } },
            strategy: {
                canary: {
                    steps: [
                        { setWeight: 25 }, { pause: { duration: `${pauseSeconds}s` } },
                        { setWeight: 75 }, { pause: { duration: "20s" } },
                    ],
                },
            },
        },
    });
}

interface PodView { name: string; ready: boolean; deleting: boolean; image: string }

function pods(c: Cluster): PodView[] {
    return (JSON.parse(kubectl(c, ["get", "pods", "-n", "default", "-l", `app=${APP}`, "-o", "json"])).items as any[]).map((p) => ({
        name: p.metadata.name,
        ready: (p.status?.conditions ?? []).some((x: any) => x.type === "Ready" && x.status === "True"),
        deleting: p.metadata.deletionTimestamp !== undefined,
        image: p.spec.containers[0].image,
    }));
}

function rolloutState(c: Cluster): { phase?: string; step?: number; image?: string; observed: boolean; message?: string } {
    const r = JSON.parse(kubectl(c, ["get", ROLLOUT, APP, "-n", "default", "-o", "json"]));
    return {
        phase: r.status?.phase, step: r.status?.currentStepIndex, message: r.status?.message,
        image: r.spec.template.spec.containers[0].image,
        observed: r.status?.observedGeneration === String(r.metadata.generation),
    };
}

async function waitHealthy(c: Cluster, image: string, ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
        const r = rolloutState(c);
        const p = pods(c).filter((x) => !x.deleting);
        if (r.observed && r.phase === "Healthy" && p.length === REPLICAS && p.every((x) => x.ready && x.image === image)) {
            return;
        }
        await sleep(1000);
    }
    throw new Error(`the Rollout did not become Healthy on ${image} in ${ms / 1000}s: ${JSON.stringify(rolloutState(c))}`);
}

/** Events the node lifecycle controller records when it marks the node, or its pods, not ready. */
const notReadyEvents = (c: Cluster) =>
    kubectl(c, ["get", "events", "-A", "--field-selector", "reason=NodeNotReady", "-o", "name"]).split("\n").filter((l) => l !== "").length;

async function soak(c: Cluster, minutes: number, everySeconds: number): Promise<number> {
    const node = c.nodes![0];
    kubectl(c, ["apply", "-f", "-"], rollout("soak:1", minutes * 60));
    await waitHealthy(c, "soak:1", 60_000);
    say(`v1 Healthy: ${REPLICAS}/${REPLICAS} pods Ready on ${node}`);
    const first = nodeHealth(c, node);
    // Polling alone would miss a flap (kwok sets Ready back within a second): watches see every update.
    const nodeWatch = watchNode(c, node);
    const podsWatch = watchPods(c, `app=${APP}`);
    kubectl(c, ["apply", "-f", "-"], rollout("soak:2", minutes * 60));
    say(`v2 applied: canary 25%, a ${minutes} min pause, 75%, 20 s, then promoted; sampling every ${everySeconds}s`);

    const start = Date.now();
    const deadline = start + (minutes + 5) * 60_000;
    const problems: string[] = [];
    let samples = 0;
    let renewals = 0;
    let maxLeaseAge = 0;
    let lastRenew = first.lease?.renewTime;
    let minReady = Infinity;
    let lastPrint = 0;
    let done = false;
    try {
        while (!done && Date.now() < deadline) {
            const elapsed = Date.now() - start;
            const at = mmss(elapsed);
            const h = nodeHealth(c, node);
            const p = pods(c).filter((x) => !x.deleting);
            const r = rolloutState(c);
            samples += 1;
            if (!healthy(h)) {
                problems.push(`${at}: node ${node} Ready=${h.ready} taints=[${h.taints.join(",")}]`);
            }
            problems.push(...nodeWatch.unhealthy.map((u) => `node ${node} (watch): ${u}`));
            problems.push(...podsWatch.lostReady.map((u) => `pod lost Ready (watch): ${u}`));
            problems.push(...disruptionLines(c).map((l) => `kube-controller-manager: ${l.trim()}`));
            const events = notReadyEvents(c);
            if (events > 0) {
                problems.push(`${at}: ${events} NodeNotReady event(s)`);
            }
            if (!h.lease?.renewTime) {
                problems.push(`${at}: no Lease kube-node-lease/${node}: nothing heartbeats the node`);
            } else if (h.lease.holder !== first.lease?.holder) {
                problems.push(`${at}: the Lease holder changed: ${first.lease?.holder} -> ${h.lease?.holder}`);
            }
            if (h.lease?.renewTime && h.lease.renewTime !== lastRenew) {
                renewals += 1;
                lastRenew = h.lease.renewTime;
            }
            const leaseAge = h.lease?.renewTime ? (Date.now() - Date.parse(h.lease.renewTime)) / 1000 : Infinity;
            maxLeaseAge = Math.max(maxLeaseAge, leaseAge);
            const ready = p.filter((x) => x.ready).length;
            minReady = Math.min(minReady, ready);
            if (r.phase === "Degraded") {
                problems.push(`${at}: Rollout Degraded: ${r.message}`);
            }
            if (problems.length > 0) {
                await sleep(2000); // what the watches see of it, for the report
                break;
            }
            done = r.observed && r.phase === "Healthy" && elapsed >= minutes * 60_000
                && p.length === REPLICAS && p.every((x) => x.ready && x.image === "soak:2");
            if (done || Date.now() - lastPrint >= 30_000) {
                lastPrint = Date.now();
                say(`${at}  node Ready=${h.ready}, Lease renewed ${leaseAge.toFixed(0)}s ago  pods Ready ${ready}/${p.length}  ` +
                    `rollout ${r.phase} step ${r.step}  samples ${samples}, node updates watched ${nodeWatch.updates()}`);
            }
            if (!done) {
                await sleep(everySeconds * 1000);
            }
        }
    } finally {
        nodeWatch.stop();
        podsWatch.stop();
    }
    const took = mmss(Date.now() - start);
    if (problems.length > 0) {
        say(`FAILED after ${took}, ${samples} samples:`);
        problems.forEach((m) => say(`  ${m}`));
        say(`  watch: unhealthy node versions [${nodeWatch.unhealthy.join("; ")}], pods that lost Ready [${podsWatch.lostReady.join("; ")}]`);
        return 1;
    }
    if (!done) {
        say(`FAILED: the release did not end Healthy in ${minutes + 5} min: ${JSON.stringify(rolloutState(c))}`);
        return 1;
    }
    say(`soak passed: a ${took} release under the Argo controller, ${samples} samples every ${everySeconds}s plus watches: ` +
        `node ${node} Ready throughout (0 NotReady transitions in ${nodeWatch.updates()} node updates, 0 NodeNotReady events, ` +
        `0 disruption-mode lines), pods Ready in every sample (min ${minReady}/${REPLICAS}, 0 lost Ready), ` +
        `Lease renewed ${renewals} times by ${first.lease?.holder} (oldest renewal seen ${maxLeaseAge.toFixed(1)}s, grace period ${nodeMonitorGracePeriodSeconds}s)`);
    return 0;
}

async function main(): Promise<number> {
    const minutes = arg("minutes", 10);
    const every = arg("every", 5);
    const name = `soak-${process.pid}`;
    const c = await startCluster(name, { ownerPid: process.pid, nodes: true, argo: true, log: (m) => say(m) });
    let code = 1;
    try {
        code = await soak(c, minutes, every);
        return code;
    } finally {
        // A failed soak keeps the cluster's logs (kube-controller-manager.log, kwok.log) to read.
        await stopCluster(name, { keepDir: code !== 0 });
        if (code !== 0) {
            say(`logs kept in ${c.dir}`);
        }
    }
}

main().then((code) => process.exit(code), (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
