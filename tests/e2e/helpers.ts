// Helpers of the end-to-end tier: the setup every suite shares (a namespace of its own in one local
// cluster with kube-scheduler, kwok's fake nodes and the real Argo Rollouts controller, and its
// stack); bounded waits that say what state was reached when they give up; the controller's
// promote as `kubectl argo rollouts promote` does it; a Prometheus-compatible endpoint the
// analysis queries.
import * as pulumi from "@pulumi/pulumi";
import { PulumiFn } from "@pulumi/pulumi/automation";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CanaryDelivery } from "../../provider/src";
import type { CanaryDeliveryArgs, PodTemplate } from "../../provider/src/args";
import { kubectl } from "../../scripts/cluster/cluster";
import { StackOptions } from "../../scripts/pulumi/workspace";
import { getObject, NamespaceRef, useSharedCluster } from "../helpers/local-cluster";
import { StackRef, useStack } from "../helpers/pulumi-run";

export { assertNoChanges } from "../helpers/pulumi-run";

export const ROLLOUT = "rollouts.argoproj.io";
export const ANALYSIS_RUN = "analysisruns.argoproj.io";
export const VIRTUAL_SERVICE = "virtualservices.networking.istio.io";

/** Elapsed seconds since `start`, for the progress lines the tier prints. */
const since = (start: number) => `${((Date.now() - start) / 1000).toFixed(1)}s`;

export function say(msg: string): void {
    process.stderr.write(`      [e2e] ${msg}\n`);
}

// How long the tier took: each suite adds its time (its namespace's creation to its deletion; the
// first suite's includes the cluster start); printed at exit.
const tier = { suites: 0, ms: 0 };
process.once("exit", () => {
    if (tier.suites > 0) {
        process.stderr.write(`[e2e] end-to-end tier: ${tier.suites} suite(s) in ${(tier.ms / 1000).toFixed(0)}s\n`);
    }
});

export interface EndToEnd {
    /** The suite's namespace in the run's end-to-end cluster: every object of the suite goes there. */
    cluster: NamespaceRef;
    /** The suite's stack, an inline program on its own file backend; its output is printed when a test fails. */
    stack: StackRef;
}

/**
 * The setup every end-to-end suite shares: a namespace of its own in the run's end-to-end cluster
 * (kube-scheduler, a kwok node and the Argo Rollouts controller, started once per run) and the
 * suite's stack. A failed test also prints the tail of the controller's log (this namespace's lines and
 * the controller's own).
 */
export function useEndToEnd(namespace: string, stack: Omit<StackOptions, "kubeconfig" | "stateDir">): EndToEnd {
    let start = 0;
    before(() => { start = Date.now(); });
    // Info level makes the controller's log worth reading when a test fails.
    const cluster = useSharedCluster(namespace, { nodes: true, argo: true, argoLogLevel: "info" });
    before(() => say(`namespace ${namespace} ready in the end-to-end cluster (${since(start)})`));
    afterEach(function () {
        if (this.currentTest?.state === "failed") {
            const log = path.join(cluster.current().dir, "rollouts-controller.log");
            if (fs.existsSync(log)) {
                const lines = fs.readFileSync(log, "utf8").split("\n")
                    .filter((l) => !/ namespace=/.test(l) || l.includes(` namespace=${namespace}`))
                    .filter((l) => !/level=(debug|info) msg="(Started syncing|Reconciliation completed|Started syncing rollout|No status changes)/.test(l));
                process.stderr.write(`--- rollouts-controller.log (last 40 lines) ---\n${lines.slice(-40).join("\n")}\n`);
            }
        }
    });
    after(() => {
        tier.suites += 1;
        tier.ms += Date.now() - start;
        say(`suite done in ${since(start)}`);
    });
    return { cluster, stack: useStack(cluster, stack) };
}

/** A release's arguments but its namespace and image, which releaseProgram sets. */
export type ReleaseArgs = Omit<CanaryDeliveryArgs, "namespace" | "template"> & { template: Omit<PodTemplate, "image"> };

/**
 * The inline program most suites deploy: one CanaryDelivery `name` in `namespace`, its image the
 * stack's `image` config, its other arguments from `args` (which may read more config), exporting
 * what `outputs` picks.
 */
export function releaseProgram(
    name: string, namespace: string, args: (config: pulumi.Config) => ReleaseArgs, outputs: (release: CanaryDelivery) => Record<string, unknown>,
): PulumiFn {
    return async () => {
        const config = new pulumi.Config();
        const a = args(config);
        return outputs(new CanaryDelivery(name, { ...a, namespace, template: { ...a.template, image: config.require("image") } }));
    };
}

/** One object of the suite's namespace, or undefined when it does not exist. */
export function readObject(at: NamespaceRef, kind: string, name: string): any | undefined {
    return getObject(at.current(), kind, name, at.namespace);
}

/** The objects of a kind in the suite's namespace that match a label selector. */
export function listObjects(at: NamespaceRef, kind: string, selector: string): any[] {
    return JSON.parse(kubectl(at.current(), ["get", kind, "-n", at.namespace, "-l", selector, "-o", "json"])).items;
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

export function rolloutView(at: NamespaceRef, name: string): RolloutView {
    const r = readObject(at, ROLLOUT, name);
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
export function promote(at: NamespaceRef, name: string, opts: { full?: boolean } = {}): void {
    const r = readObject(at, ROLLOUT, name);
    const status = opts.full ? { promoteFull: true } : { pauseConditions: null };
    const ns = ["-n", at.namespace];
    kubectl(at.current(), ["patch", ROLLOUT, name, ...ns, "--subresource=status", "--type=merge", "-p", JSON.stringify({ status })]);
    if (r?.spec?.paused) {
        kubectl(at.current(), ["patch", ROLLOUT, name, ...ns, "--type=merge", "-p", JSON.stringify({ spec: { paused: false } })]);
    }
}

/** The weights of the VirtualService route(s) of the release, in destination order. */
export function vsWeights(at: NamespaceRef, name: string, route?: string): number[] {
    const vs = readObject(at, VIRTUAL_SERVICE, name);
    const http = (vs?.spec?.http ?? []) as any[];
    const r = route ? http.find((h) => h.name === route) : http[http.length - 1];
    return (r?.route ?? []).map((d: any) => d.weight ?? 0);
}

export { PrometheusStub, startPrometheusStub } from "../../scripts/prometheus-stub";
