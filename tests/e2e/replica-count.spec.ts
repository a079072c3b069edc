// A replica-count canary (no traffic router) under the real Argo Rollouts controller, with pods
// scheduled on a kwok node: the first deploy goes straight to Healthy; an image change walks the
// steps and `pulumi up` follows it to the stage that waits for promotion, where it ends
// successfully saying so; a promote declared in the program takes it to the end, once. The
// component's live outputs and the preview say where the release stands at each point.
import * as assert from "assert";
import {
    assertNoChanges, listObjects, observed, releaseProgram, rolloutView, RolloutView, staysFor, useEndToEnd,
    waitUntil,
} from "./helpers";

const NAME = "shop";
const NAMESPACE = "e2e-replicas";

describe("e2e: a replica-count canary walks its steps under the real controller", function () {
    this.timeout(600_000);
    const { cluster, stack } = useEndToEnd(NAMESPACE, {
        program: releaseProgram(NAME, NAMESPACE, (config) => {
            const promoteImage = config.get("promote");
            return {
                replicas: 4,
                template: { ports: [{ containerPort: 8080 }] },
                steps: [{ weight: 25, pause: "" }, { weight: 50, pause: "5s" }],
                ...(promoteImage && { delivery: { control: { action: "promote" as const, image: promoteImage } } }),
            };
        }, (release) => ({ plan: release.plan, liveSummary: release.liveSummary, changeImpact: release.changeImpact, status: release.status })),
        stackName: "replicas", config: { image: "shop:1" },
    });
    const view = () => rolloutView(cluster, NAME);
    const pods = () => listObjects(cluster, "pods", `app=${NAME}`)
        .filter((p) => !p.metadata.deletionTimestamp)
        .map((p) => ({
            image: p.spec.containers[0].image,
            node: p.spec.nodeName,
            ready: (p.status.conditions ?? []).some((x: any) => x.type === "Ready" && x.status === "True"),
        }));
    const imagesOf = (ps: { image: string; ready: boolean }[]) => ps.filter((p) => p.ready).map((p) => p.image).sort();
    const healthyAt = (image: string) => (v: RolloutView) =>
        observed(v) && v.image === image && v.phase === "Healthy" && v.stableRS !== undefined && v.stableRS === v.currentPodHash;

    it("up: the first release goes straight to Healthy (up follows it and says so), four Ready pods on the kwok node", async () => {
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.outputs.plan.value, "25% until promoted, 50% for 5s, 100%; full promotion after at least 5s, plus 1 manual promotion at stage 1");
        assert.match(up.outputs.liveSummary.value, /^first release: Argo Rollouts skips the steps of a new Rollout, so it went to 100% at once; Healthy$/);
        assert.match(up.outputs.changeImpact.value, /^first release: Argo Rollouts skips the steps/);
        assert.ok(healthyAt("shop:1")(view()), "Healthy when up returned");
        const running = await waitUntil("4 Ready pods of shop:1", pods, (ps) => imagesOf(ps).join() === "shop:1,shop:1,shop:1,shop:1");
        assert.ok(running.every((p) => p.node === "kwok-node-0"), JSON.stringify(running));
    });

    it("the preview of an image change says the release is Healthy and a new canary starts", async () => {
        await stack.current().setConfig("image", { value: "shop:2" });
        const preview = await stack.current().preview({ onOutput: stack.capture });
        assert.match(preview.stdout, /Rollout shop: Healthy, fully promoted; this pod template change starts a new canary from stage 1/);
    });

    it("up with the new image follows the canary to stage 1 (25%: 1 of 4 pods) and ends there, successfully", async () => {
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.summary.result, "succeeded");
        assert.match(up.outputs.liveSummary.value, /^paused at stage 1 of 2: waiting for promotion; ready pods: canary 1\/1, stable 3\/3$/);
        assert.strictEqual(up.outputs.changeImpact.value, "this pod template change starts a new canary from stage 1");
        // Where it stopped, printed on the component (earlier lines depend on how fast the controller is).
        assert.match(up.stdout, /Rollout shop: paused at stage 1 of 2: waiting for promotion/);
        const paused = view();
        assert.ok(observed(paused) && paused.image === "shop:2" && paused.phase === "Paused" && paused.currentStepIndex === 1, JSON.stringify(paused));
        assert.deepStrictEqual(paused.pauseReasons, ["CanaryPauseStep"]);
        assert.notStrictEqual(paused.stableRS, paused.currentPodHash);
        await waitUntil("1 canary pod and 3 stable pods Ready", pods,
            (ps) => imagesOf(ps).join() === "shop:1,shop:1,shop:1,shop:2");
        // An indefinite pause stays put.
        await staysFor("the paused release", () => { const v = view(); return { phase: v.phase, step: v.currentStepIndex }; }, 3_000);
    });

    it("while paused: a preview shows no changes and says where the release stands; up reports it", async () => {
        const preview = await stack.current().preview({ onOutput: stack.capture });
        assertNoChanges(preview.changeSummary, "preview while paused");
        assert.match(preview.stdout, /Rollout shop: paused at stage 1 of 2; no change to the pod template or the steps: the release is left as it is/);
        const up = await stack.current().up({ onOutput: stack.capture });
        assertNoChanges(up.summary.resourceChanges ?? {}, "up while paused");
        assert.match(up.outputs.liveSummary.value, /^paused at stage 1 of 2: waiting for promotion/);
        assert.deepStrictEqual(
            { phase: up.outputs.status.value.phase, currentStage: up.outputs.status.value.currentStage, paused: up.outputs.status.value.paused },
            { phase: "Paused", currentStage: 0, paused: true });
        assert.strictEqual(view().phase, "Paused", "pulumi up left the paused release alone");
    });

    it("promote as code: the preview says it, up promotes and follows stage 2 (a timed pause) to Healthy", async () => {
        await stack.current().setConfig("promote", { value: "shop:2" });
        const preview = await stack.current().preview({ onOutput: stack.capture });
        assert.match(preview.stdout, /this update applies promote past stage 1 \(for shop:2\): promoting past the gate at stage 1 of 2/);
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.match(up.stdout, /Rollout shop: promote past stage 1 \(for shop:2\): promoting past the gate at stage 1 of 2/);
        assert.strictEqual(up.outputs.liveSummary.value, "Healthy, fully promoted");
        const v = view();
        assert.ok(healthyAt("shop:2")(v), JSON.stringify(v));
        assert.strictEqual(v.currentStepIndex, 4, "every step walked");
        await waitUntil("4 Ready pods of shop:2, the old ones gone", pods,
            (ps) => ps.length === 4 && imagesOf(ps).join() === "shop:2,shop:2,shop:2,shop:2");
    });

    it("the promote left in the program does nothing more: no changes, no second promotion", async () => {
        const preview = await stack.current().preview({ onOutput: stack.capture });
        assertNoChanges(preview.changeSummary, "preview after the promotion");
        assert.match(preview.stdout, /promote past stage 1 \(for shop:2\): nothing to do, the release is fully promoted/);
        const before = view();
        const up = await stack.current().up({ onOutput: stack.capture });
        assertNoChanges(up.summary.resourceChanges ?? {}, "up after the promotion");
        assert.strictEqual(up.outputs.liveSummary.value, "Healthy, fully promoted");
        assert.strictEqual(up.outputs.changeImpact.value, "no change to the pod template or the steps: the release is left as it is");
        assert.deepStrictEqual(view(), before, "the Rollout was not touched");
    });

    it("a new version with the old promote in the program: the control is not applied to it", async () => {
        await stack.current().setConfig("image", { value: "shop:3" });
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.match(up.stdout, /promote past stage 1 \(for shop:2\): not applied, the canary runs shop:3; remove the control/);
        assert.match(up.outputs.liveSummary.value, /^paused at stage 1 of 2: waiting for promotion/);
        await stack.current().removeConfig("promote");
    });

    it("destroy removes the release and its pods", async () => {
        const res = await stack.current().destroy({ onOutput: stack.capture });
        assert.strictEqual(res.summary.result, "succeeded");
        await waitUntil("no pods left", pods, (ps) => ps.length === 0, 60_000);
    });
});
