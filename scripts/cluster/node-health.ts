// A fake node's health as kube-controller-manager's node lifecycle controller judges it: the
// node's Ready condition and taints, and the node's Lease in kube-node-lease, whose renewals are
// the heartbeat it waits for. Also the lines that controller logs when it counts every node as
// down ("disruption mode"). Read by the kwok node regression test and by `npm run soak`.
//
// A NotReady node does not stay NotReady for long enough to be polled: kwok's node-initialize
// stage sets Ready back to True within a second, with the same lastTransitionTime. So the
// transitions are taken from a watch, which sees every update.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { toolsBin } from "../paths";
import { Cluster, kubectl } from "./cluster";

export interface NodeHealth {
    /** status of the Ready condition: "True", "False", "Unknown", or "missing" */
    ready: string;
    taints: string[];
    lease?: { holder?: string; renewTime?: string; durationSeconds?: number };
}

export function nodeHealth(c: Pick<Cluster, "kubeconfig">, node: string): NodeHealth {
    const n = JSON.parse(kubectl(c, ["get", "node", node, "-o", "json"]));
    const ready = (n.status?.conditions ?? []).find((x: any) => x.type === "Ready");
    let lease: NodeHealth["lease"];
    try {
        const l = JSON.parse(kubectl(c, ["get", "lease", node, "-n", "kube-node-lease", "-o", "json"]));
        lease = { holder: l.spec?.holderIdentity, renewTime: l.spec?.renewTime, durationSeconds: l.spec?.leaseDurationSeconds };
    } catch (e: any) {
        if (!/NotFound/.test(String(e.stderr ?? e.message))) {
            throw e;
        }
    }
    return { ready: ready?.status ?? "missing", taints: (n.spec?.taints ?? []).map((t: any) => `${t.key}:${t.effect}`), lease };
}

/** Whether the node lifecycle controller would call the node healthy and schedulable. */
export const healthy = (h: Pick<NodeHealth, "ready" | "taints">) => h.ready === "True" && h.taints.length === 0;

/** kube-controller-manager's "Entering/Exiting master disruption mode" lines so far. */
export function disruptionLines(c: Pick<Cluster, "dir">): string[] {
    const log = path.join(c.dir, "kube-controller-manager.log");
    return fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter((l) => /disruption mode/.test(l)) : [];
}

/**
 * `kubectl get --watch` printing one line per object version through a jsonpath template;
 * restarted when the API server ends the watch, until stop().
 */
function watchLines(c: Pick<Cluster, "kubeconfig">, args: string[], template: string, onLine: (line: string) => void): () => void {
    let child: ChildProcess | undefined;
    let stopped = false;
    const run = () => {
        child = spawn(path.join(toolsBin, "kubectl"), ["--kubeconfig", c.kubeconfig, "get", ...args, "--watch", "-o", `jsonpath=${template}{"\\n"}`],
            { stdio: ["ignore", "pipe", "ignore"] });
        let rest = "";
        child.stdout!.setEncoding("utf8").on("data", (d: string) => {
            const lines = (rest + d).split("\n");
            rest = lines.pop()!;
            lines.forEach(onLine);
        });
        child.on("exit", () => {
            if (!stopped) {
                setTimeout(run, 500);
            }
        });
    };
    run();
    return () => {
        stopped = true;
        child?.kill();
    };
}

export interface NodeWatch {
    /** Node versions seen. */
    updates: () => number;
    /** Every version seen that was not Ready=True without taints, as "time Ready=X taints=[...]". */
    unhealthy: string[];
    stop: () => void;
}

/** Watches a node and records every version of it that is not healthy. */
export function watchNode(c: Pick<Cluster, "kubeconfig">, node: string): NodeWatch {
    let updates = 0;
    const unhealthy: string[] = [];
    const stop = watchLines(c, ["node", node], '{.status.conditions[?(@.type=="Ready")].status}|{.spec.taints[*].key}', (line) => {
        const [ready = "", keys = ""] = line.trim().split("|");
        const taints = keys.split(" ").filter((k) => k !== "");
        updates += 1;
        if (!healthy({ ready: ready || "missing", taints })) {
            unhealthy.push(`${new Date().toISOString()} Ready=${ready || "missing"} taints=[${taints.join(",")}]`);
        }
    });
    return { updates: () => updates, unhealthy, stop };
}

export interface PodsWatch {
    /** Pods that were Ready and then, not being deleted, were not: "time pod". */
    lostReady: string[];
    stop: () => void;
}

/** Watches the pods matching a label selector in the default namespace for any that loses Ready. */
export function watchPods(c: Pick<Cluster, "kubeconfig">, selector: string): PodsWatch {
    const wasReady = new Map<string, boolean>();
    const lostReady: string[] = [];
    const stop = watchLines(c, ["pods", "-n", "default", "-l", selector],
        '{.metadata.name}|{.status.conditions[?(@.type=="Ready")].status}|{.metadata.deletionTimestamp}', (line) => {
            const [name, ready, deleting] = line.trim().split("|");
            if (!name || deleting) {
                return;
            }
            if (wasReady.get(name) && ready !== "True") {
                lostReady.push(`${new Date().toISOString()} ${name} Ready=${ready || "missing"}`);
            }
            wasReady.set(name, ready === "True");
        });
    return { lostReady, stop };
}
