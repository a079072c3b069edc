// The follow loop of `pulumi up` against a scripted API server: what it waits out (a stale status,
// its own control patch), where it ends, and which endings fail the update.
import * as assert from "assert";
import type { KubeClient } from "../../provider/src/live/client";
import { followRelease, FollowOptions } from "../../provider/src/live/follow";

type Status = Record<string, unknown>;
const steps = [{ setWeight: 50 }, { pause: {} }];

/**
 * A client whose Rollout takes each scripted status in turn (the last one stays), recording patches.
 * After a patch it plays `afterPatch`: first what our patch left (our resourceVersion), then the
 * controller's answer, written with a newer one.
 */
function scripted(statuses: (Status | undefined)[], opts: { generation?: number; afterPatch?: { ours: Status; answer: Status } } = {}) {
    let queue: (Status | undefined)[] = statuses;
    let i = 0;
    let version = 1;
    const patches: { path: string; body: object }[] = [];
    const rollout = (status: Status | undefined) =>
        ({ metadata: { generation: opts.generation ?? 2, resourceVersion: String(version) }, spec: { strategy: { canary: { steps } } }, status });
    const client: KubeClient = {
        defaultNamespace: "default",
        server: "https://fake",
        get: async <T>(path: string) => {
            if (path.includes("/replicasets")) return { items: [] } as T;
            const status = queue[Math.min(i, queue.length - 1)];
            if (queue !== statuses && i === 2) version += 1; // the controller's answer
            i += 1;
            return rollout(status) as T;
        },
        mergePatch: async <T>(path: string, body: object) => {
            patches.push({ path, body });
            version += 1;
            if (opts.afterPatch) {
                queue = [opts.afterPatch.ours, opts.afterPatch.ours, opts.afterPatch.answer];
                i = 0;
            }
            return rollout(opts.afterPatch?.ours) as T;
        },
    };
    return { client, patches };
}

const gen2 = (s: Status): Status => ({ observedGeneration: "2", stableRS: "a", currentPodHash: "b", ...s });
const healthy = gen2({ phase: "Healthy", stableRS: "b", currentPodHash: "b", currentStepIndex: 2 });
const gate = gen2({ phase: "Paused", currentStepIndex: 1, pauseConditions: [{ reason: "CanaryPauseStep" }] });
const aborted = gen2({ phase: "Degraded", abort: true, message: "RolloutAborted: Metric \"x\" assessed Failed", currentStepIndex: 0 });

function follow(client: KubeClient, extra: Partial<FollowOptions> = {}) {
    const lines: string[] = [];
    const done = followRelease({
        client, namespace: "default", name: "shop", wait: true, onManualGate: "succeed", timeoutSeconds: 2,
        canaryImages: async () => ["shop:2"], wasAborted: false, newRelease: true, firstRelease: false,
        log: (l) => lines.push(l), pollMs: 5, noControllerMs: 50, ...extra,
    });
    return done.then((r) => ({ ...r, lines }));
}

describe("following a release", () => {
    it("waits out a stale status (an older generation), then ends Healthy", async () => {
        const { client } = scripted([{ ...healthy, observedGeneration: "1" }, { ...healthy, observedGeneration: "1" }, healthy]);
        const r = await follow(client);
        assert.strictEqual(r.failure, undefined);
        assert.deepStrictEqual(r.lines, ["waiting for the Argo Rollouts controller to pick up the new spec", "Healthy, fully promoted"]);
    });

    it("a first release says Argo skipped the steps", async () => {
        const r = await follow(scripted([healthy]).client, { firstRelease: true });
        assert.match(r.summary, /^first release: Argo Rollouts skips the steps/);
    });

    it("a manual gate: succeed (the default), fail, or wait until the timeout", async () => {
        assert.strictEqual((await follow(scripted([gate]).client)).failure, undefined);
        assert.match((await follow(scripted([gate]).client, { onManualGate: "fail" })).failure!, /waiting for promotion \(delivery.onManualGate is "fail"\)/);
        assert.match((await follow(scripted([gate]).client, { onManualGate: "wait", timeoutSeconds: 0.05 })).failure!, /did not finish within 0.05s/);
    });

    it("an abort by this update fails it with the controller's message and the next steps", async () => {
        const r = await follow(scripted([gen2({ phase: "Progressing", currentStepIndex: 0 }), aborted]).client);
        assert.match(r.failure!, /^Argo Rollouts aborted the release: RolloutAborted: Metric "x" assessed Failed\. Traffic is back on the stable version/);
        assert.match(r.failure!, /set the image back to the stable version to finish the rollback/);
    });

    it("a release aborted before, and not changed by this update, is reported, not a new failure", async () => {
        const r = await follow(scripted([aborted]).client, { wasAborted: true, newRelease: false });
        assert.strictEqual(r.failure, undefined);
        assert.match(r.summary, /\(before this update too\)$/);
    });

    it("Degraded without an abort (a progress deadline) fails too", async () => {
        const r = await follow(scripted([gen2({ phase: "Degraded", message: "ProgressDeadlineExceeded: too slow" })]).client);
        assert.match(r.failure!, /^Argo Rollouts marked the release Degraded: ProgressDeadlineExceeded: too slow/);
    });

    it("no status at all for a while: no controller runs, and the update says so", async () => {
        const r = await follow(scripted([undefined]).client);
        assert.match(r.failure!, /no Argo Rollouts controller has reconciled the Rollout/);
    });

    it("a full promotion at a gate: patched once, and the gate the status still shows is not taken for the answer", async () => {
        const { client, patches } = scripted([gate], { afterPatch: { ours: gate, answer: healthy } });
        const r = await follow(client, { control: { action: "promoteFull", image: "shop:2" } });
        assert.deepStrictEqual(patches, [{ path: "/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/shop/status", body: { status: { promoteFull: true } } }]);
        assert.strictEqual(r.failure, undefined);
        assert.strictEqual(r.summary, "Healthy, fully promoted");
    });

    it("an abort asked for ends the update successfully, saying how to finish the rollback", async () => {
        const { client, patches } = scripted([gate], { afterPatch: { ours: { ...gate, abort: true }, answer: aborted } });
        const r = await follow(client, { control: { action: "abort", image: "shop:2" } });
        assert.strictEqual(patches.length, 1);
        assert.strictEqual(r.failure, undefined);
        assert.match(r.summary, /^aborted as the control asked/);
    });

    it("wait false: one read, even of a stale status; a control that holds now is applied, a later one waits", async () => {
        const stale = scripted([{ ...healthy, observedGeneration: "1" }]);
        assert.strictEqual((await follow(stale.client, { wait: false, timeoutSeconds: 60 })).failure, undefined);
        const later = scripted([gen2({ phase: "Progressing", currentStepIndex: 0 })]);
        const r = await follow(later.client, { wait: false, timeoutSeconds: 60, control: { action: "promote", image: "shop:2", stage: 1 } });
        assert.deepStrictEqual([later.patches.length, r.failure], [0, undefined]);
        const now = scripted([gate], { afterPatch: { ours: gen2({ phase: "Paused", currentStepIndex: 1 }), answer: healthy } });
        await follow(now.client, { wait: false, timeoutSeconds: 60, control: { action: "promote", image: "shop:2", stage: 0 } });
        assert.deepStrictEqual(now.patches.map((x) => x.body), [{ status: { pauseConditions: null } }]);
    });
});
