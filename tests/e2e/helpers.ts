// Helpers of the end-to-end tier: a local cluster with kube-scheduler, kwok's fake nodes and the
// real Argo Rollouts controller; bounded waits that say what state was reached when they give
// up; the controller's promote as `kubectl argo rollouts promote` does it; a Prometheus-compatible
// endpoint the analysis queries.
import { Stack } from "@pulumi/pulumi/automation";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Cluster, kubectl, startCluster, stopCluster } from "../../scripts/cluster/cluster";
import { StackOptions, openStack } from "../../scripts/pulumi/workspace";

export const ROLLOUT = "rollouts.argoproj.io";
export const ANALYSIS_RUN = "analysisruns.argoproj.io";
export const VIRTUAL_SERVICE = "virtualservices.networking.istio.io";

/** Elapsed seconds since `start`, for the progress lines the tier prints. */
const since = (start: number) => `${((Date.now() - start) / 1000).toFixed(1)}s`;

export function say(msg: string): void {
    process.stderr.write(`      [e2e] ${msg}\n`);
}

// How long the tier took: each suite adds its time (cluster start to stop); printed at exit.
const tier = { suites: 0, ms: 0 };
process.once("exit", () => {
    if (tier.suites > 0) {
        process.stderr.write(`[e2e] end-to-end tier: ${tier.suites} suite(s) in ${(tier.ms / 1000).toFixed(0)}s\n`);
    }
});

/**
 * One cluster per suite, with nodes and the Argo controller; stopped afterwards (a watchdog
 * stops it if the test process dies). A failed test prints the controller's log tail.
 */
export function useEndToEndCluster(prefix: string): { current: () => Cluster } {
    const name = `${prefix}-${process.pid}`;
    let cluster: Cluster | undefined;
    let start = 0;
    before(async function () {
        this.timeout(180_000);
        start = Date.now();
        cluster = await startCluster(name, {
            ownerPid: process.pid, nodes: true, argo: true, log: () => undefined,
            // Info level makes the controller's log worth reading when a test fails.
            argoLogLevel: "info",
        });
        say(`cluster ${name}: API server, scheduler, kwok node and Argo Rollouts controller up in ${since(start)}`);
    });
    afterEach(function () {
        if (this.currentTest?.state === "failed" && cluster) {
            const log = path.join(cluster.dir, "rollouts-controller.log");
            if (fs.existsSync(log)) {
                const lines = fs.readFileSync(log, "utf8").split("\n").filter((l) => !/level=(debug|info) msg="(Started syncing|Reconciliation completed|Started syncing rollout|No status changes)/.test(l));
                process.stderr.write(`--- rollouts-controller.log (last 40 lines) ---\n${lines.slice(-40).join("\n")}\n`);
            }
        }
    });
    after(async function () {
        this.timeout(60_000);
        await stopCluster(name);
        if (start) {
            tier.suites += 1;
            tier.ms += Date.now() - start;
            say(`suite done in ${since(start)}`);
        }
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

/** A stack of an inline program on its own file backend, its output collected for failures. */
export function useStack(
    cluster: { current: () => Cluster },
    opts: Omit<StackOptions, "kubeconfig" | "stateDir">,
): { current: () => Stack; capture: (s: string) => void } {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "canary-e2e-state-"));
    let stack: Stack | undefined;
    let log = "";
    before(async () => {
        stack = await openStack({ ...opts, stateDir, kubeconfig: cluster.current().kubeconfig });
    });
    afterEach(function () {
        if (this.currentTest?.state === "failed") {
            process.stderr.write(`--- pulumi output ---\n${log}\n`);
        }
        log = "";
    });
    after(() => fs.rmSync(stateDir, { recursive: true, force: true }));
    return {
        current: () => {
            if (!stack) {
                throw new Error("the stack is not open");
            }
            return stack;
        },
        capture: (s: string) => { log += s; },
    };
}

/** Reads one object as JSON; undefined when it does not exist. */
export function getJson(c: Cluster, kind: string, name: string, namespace = "default"): any | undefined {
    try {
        return JSON.parse(kubectl(c, ["get", kind, name, "-n", namespace, "-o", "json"]));
    } catch (e: any) {
        if (/NotFound|not found/.test(String(e.stderr ?? e.message))) {
            return undefined;
        }
        throw e;
    }
}

export function listJson(c: Cluster, kind: string, selector: string, namespace = "default"): any[] {
    return JSON.parse(kubectl(c, ["get", kind, "-n", namespace, "-l", selector, "-o", "json"])).items;
}

/** The parts of a Rollout's status the tests follow. */
export interface RolloutView {
    generation?: number;
    observedGeneration?: string;
    phase?: string;
    message?: string;
    currentStepIndex?: number;
    pauseReasons: string[];
    abort: boolean;
    stableRS?: string;
    currentPodHash?: string;
    canaryWeight?: number;
    image?: string;
}

export function rolloutView(c: Cluster, name: string, namespace = "default"): RolloutView {
    const r = getJson(c, ROLLOUT, name, namespace);
    const s = r?.status ?? {};
    return {
        generation: r?.metadata?.generation,
        observedGeneration: s.observedGeneration,
        phase: s.phase,
        message: s.message,
        currentStepIndex: s.currentStepIndex,
        pauseReasons: (s.pauseConditions ?? []).map((p: any) => p.reason),
        abort: s.abort === true,
        stableRS: s.stableRS,
        currentPodHash: s.currentPodHash,
        canaryWeight: s.canary?.weights?.canary?.weight,
        image: r?.spec?.template?.spec?.containers?.[0]?.image,
    };
}

/** Whether the controller has seen the Rollout's latest spec (it writes the generation as a string). */
export const observed = (v: RolloutView) => v.generation !== undefined && v.observedGeneration === String(v.generation);

/**
 * Polls `read` until `done` holds, at most `ms`; on timeout fails with the last state read, so a
 * failure says how far the release got.
 */
export async function waitUntil<T>(what: string, read: () => T, done: (v: T) => boolean, ms = 90_000, everyMs = 500): Promise<T> {
    const start = Date.now();
    let last: T | undefined;
    let error: unknown;
    while (Date.now() - start < ms) {
        try {
            last = read();
            error = undefined;
            if (done(last)) {
                say(`${what} (${since(start)})`);
                return last;
            }
        } catch (e) {
            error = e;
        }
        await new Promise((r) => setTimeout(r, everyMs));
    }
    throw new Error(`timed out after ${ms / 1000}s waiting for: ${what}\nlast state: ${JSON.stringify(last, null, 2)}` +
        (error ? `\nlast error: ${error}` : ""));
}

/** Waits until the Rollout's state stops changing for `quietMs` (to assert it stays put). */
export async function staysFor<T>(what: string, read: () => T, ms: number): Promise<T> {
    const first = JSON.stringify(read());
    const until = Date.now() + ms;
    while (Date.now() < until) {
        await new Promise((r) => setTimeout(r, 500));
        const now = JSON.stringify(read());
        assert.strictEqual(now, first, `${what}: changed while it should have stayed`);
    }
    return JSON.parse(first);
}

/**
 * What `kubectl argo rollouts promote` does for a Rollout paused at a canary step (its
 * getPatches): clear `status.pauseConditions` through the status subresource, and unpause the spec
 * when it is paused. With `full`, `status.promoteFull: true` skips the remaining steps.
 */
export function promote(c: Cluster, name: string, opts: { full?: boolean; namespace?: string } = {}): void {
    const ns = opts.namespace ?? "default";
    const r = getJson(c, ROLLOUT, name, ns);
    const status = opts.full ? { promoteFull: true } : { pauseConditions: null };
    kubectl(c, ["patch", ROLLOUT, name, "-n", ns, "--subresource=status", "--type=merge", "-p", JSON.stringify({ status })]);
    if (r?.spec?.paused) {
        kubectl(c, ["patch", ROLLOUT, name, "-n", ns, "--type=merge", "-p", JSON.stringify({ spec: { paused: false } })]);
    }
}

/** The weights of the VirtualService route(s) of the release, in destination order. */
export function vsWeights(c: Cluster, name: string, route?: string, namespace = "default"): number[] {
    const vs = getJson(c, VIRTUAL_SERVICE, name, namespace);
    const http = (vs?.spec?.http ?? []) as any[];
    const r = route ? http.find((h) => h.name === route) : http[http.length - 1];
    return (r?.route ?? []).map((d: any) => d.weight ?? 0);
}

export function assertNoChanges(summary: Record<string, number>, what: string): void {
    const changed = Object.entries(summary).filter(([op, n]) => op !== "same" && n > 0);
    assert.deepStrictEqual(changed, [], `${what}: unexpected changes: ${JSON.stringify(summary)}`);
}

export { PrometheusStub, startPrometheusStub } from "../../scripts/prometheus-stub";
