// A replica-count canary (no traffic router) under the real Argo Rollouts controller, with pods
// scheduled on a kwok node: the first deploy goes straight to Healthy; an image change walks the
// steps, stops at the stage that waits for promotion, and a promote takes it to the end. The
// component's live outputs and the preview say where the release stands at each point.
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import { CanaryDelivery } from "../../provider/src";
import {
    assertNoChanges, listJson, observed, promote, rolloutView, RolloutView, staysFor, useEndToEndCluster, useStack, waitUntil,
} from "./helpers";

const NAME = "shop";

describe("e2e: a replica-count canary walks its steps under the real controller", function () {
    this.timeout(600_000);
    const cluster = useEndToEndCluster("e2e-replicas");
    const stack = useStack(cluster, {
        program: async () => {
            const config = new pulumi.Config();
            const release = new CanaryDelivery(NAME, {
                namespace: "default",
                replicas: 4,
                template: { image: config.require("image"), ports: [{ containerPort: 8080 }] },
                steps: [{ weight: 25, pause: "" }, { weight: 50, pause: "5s" }],
            });
            return { plan: release.plan, liveSummary: release.liveSummary, changeImpact: release.changeImpact, status: release.status };
        },
        stackName: "replicas", config: { image: "shop:1" },
    });
    const view = () => rolloutView(cluster.current(), NAME);
    const pods = () => listJson(cluster.current(), "pods", `app=${NAME}`)
        .filter((p) => !p.metadata.deletionTimestamp)
        .map((p) => ({
            image: p.spec.containers[0].image,
            node: p.spec.nodeName,
            ready: (p.status.conditions ?? []).some((x: any) => x.type === "Ready" && x.status === "True"),
        }));
    const imagesOf = (ps: { image: string; ready: boolean }[]) => ps.filter((p) => p.ready).map((p) => p.image).sort();
    const healthyAt = (image: string) => (v: RolloutView) =>
        observed(v) && v.image === image && v.phase === "Healthy" && v.stableRS !== undefined && v.stableRS === v.currentPodHash;

    it("up: the first release goes straight to Healthy, four Ready pods on the kwok node", async () => {
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.outputs.plan.value, "25% until promoted, 50% for 5s, 100%");
        assert.strictEqual(up.outputs.liveSummary.value, "not deployed yet");
        assert.match(up.outputs.changeImpact.value, /^first release: Argo Rollouts skips the steps/);
        await waitUntil("first release Healthy and fully promoted", view, healthyAt("shop:1"));
        const running = await waitUntil("4 Ready pods of shop:1", pods, (ps) => imagesOf(ps).join() === "shop:1,shop:1,shop:1,shop:1");
        assert.ok(running.every((p) => p.node === "kwok-node-0"), JSON.stringify(running));
    });

    it("the preview of an image change says the release is Healthy and a new canary starts", async () => {
        await stack.current().setConfig("image", { value: "shop:2" });
        const preview = await stack.current().preview({ onOutput: stack.capture });
        assert.match(preview.stdout, /Rollout shop: Healthy, fully promoted; this pod template change starts a new canary from stage 1/);
    });

    it("up with the new image: the canary pauses at stage 1 (25%: 1 of 4 pods) until promoted", async () => {
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.outputs.liveSummary.value, "Healthy, fully promoted");
        assert.strictEqual(up.outputs.changeImpact.value, "this pod template change starts a new canary from stage 1");
        const paused = await waitUntil("paused at the indefinite pause of stage 1", view,
            (v) => observed(v) && v.image === "shop:2" && v.phase === "Paused" && v.currentStepIndex === 1);
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
        assert.strictEqual(up.outputs.liveSummary.value, "paused at stage 1 of 2");
        assert.deepStrictEqual(
            { phase: up.outputs.status.value.phase, currentStage: up.outputs.status.value.currentStage, paused: up.outputs.status.value.paused },
            { phase: "Paused", currentStage: 0, paused: true });
        assert.strictEqual(view().phase, "Paused", "pulumi up left the paused release alone");
    });

    it("promote: the release walks stage 2 (a timed pause) and ends Healthy, fully promoted, all pods new", async () => {
        promote(cluster.current(), NAME);
        const stage2 = await waitUntil("at stage 2 (50%: 2 of 4 pods), in its 5s pause", () => ({ v: view(), images: imagesOf(pods()) }),
            ({ v, images }) => v.currentStepIndex === 3 && images.join() === "shop:1,shop:1,shop:2,shop:2", 30_000, 200);
        assert.deepStrictEqual(stage2.v.pauseReasons, ["CanaryPauseStep"]);
        await waitUntil("Healthy and fully promoted on shop:2", view, healthyAt("shop:2"), 120_000);
        assert.strictEqual(view().currentStepIndex, 4, "every step walked");
        await waitUntil("4 Ready pods of shop:2, the old ones gone", pods,
            (ps) => ps.length === 4 && imagesOf(ps).join() === "shop:2,shop:2,shop:2,shop:2");
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.outputs.liveSummary.value, "Healthy, fully promoted");
        assert.strictEqual(up.outputs.changeImpact.value, "no change to the pod template or the steps: the release is left as it is");
    });

    it("destroy removes the release and its pods", async () => {
        const res = await stack.current().destroy({ onOutput: stack.capture });
        assert.strictEqual(res.summary.result, "succeeded");
        await waitUntil("no pods left", pods, (ps) => ps.length === 0, 60_000);
    });
});
