// What a change does to a live release: the words a reviewer reads in a preview.
import * as assert from "assert";
import { describeImpact, describeStanding, normalize, RolloutParts, sameTemplate } from "../../provider/src/live/impact";
import { layoutOfRollout } from "../../provider/src/lifecycle/layout";

/** The layout a reader guesses for steps written without our annotation. */
const layoutOf = (s: unknown[] | undefined) => layoutOfRollout({ spec: { strategy: { canary: { steps: s } } } });

const steps = [
    { setWeight: 10 }, { pause: { duration: "1m" } },
    { setWeight: 30 }, { pause: {} },
    { setWeight: 60 }, { pause: { duration: "5m" } },
];
const template = (image: string) => ({ metadata: { labels: { app: "shop" } }, spec: { containers: [{ name: "app", image }] } });
const spec = (image: string, s: unknown[] = steps) => ({ template: template(image), strategy: { canary: { steps: s } } });
const layout = layoutOf(steps);
const pausedAtStage2 = {
    phase: "Paused", currentStepIndex: 3, pauseConditions: [{ reason: "CanaryPauseStep" }],
    stableRS: "aaa", currentPodHash: "bbb", canary: { weights: { canary: { weight: 30 } } },
};
const promoted = { phase: "Healthy", currentStepIndex: 6, stableRS: "aaa", currentPodHash: "aaa" };
const live = (status: object, image = "shop:1"): RolloutParts => ({ spec: spec(image), status });

describe("live release impact", () => {
    it("without the recorded layout, a stage starts at its canary scale, else at its weight", () => {
        assert.deepStrictEqual(layoutOf(steps), { stageStart: [0, 2, 4], argoStepCount: 6 });
        assert.deepStrictEqual(layoutOf([{ setCanaryScale: { replicas: 1 } }, { setWeight: 0 }, { pause: {} }]),
            { stageStart: [0], argoStepCount: 3 });
        assert.deepStrictEqual(layoutOf(undefined), { stageStart: [], argoStepCount: 0 });
    });

    it("no Rollout yet: the first release skips the steps", () => {
        const i = describeImpact(undefined, { spec: spec("shop:1") }, layout);
        assert.strictEqual(i.standing, "not deployed yet");
        assert.match(i.effect, /^first release: Argo Rollouts skips the steps/);
        assert.strictEqual(i.status.known, false);
    });

    it("paused mid-canary, new image: the canary in progress is replaced and restarts", () => {
        const i = describeImpact(live(pausedAtStage2), { spec: spec("shop:2") }, layout);
        assert.strictEqual(i.standing, "paused at stage 2 of 3, canary at 30%");
        assert.strictEqual(i.effect, "this pod template change replaces the canary in progress and restarts from stage 1");
        assert.strictEqual(i.status.currentStage, 1);
    });

    it("fully promoted, new image: a new canary starts", () => {
        const i = describeImpact(live(promoted), { spec: spec("shop:2") }, layout);
        assert.strictEqual(i.standing, "Healthy, fully promoted");
        assert.strictEqual(i.effect, "this pod template change starts a new canary from stage 1");
    });

    it("steps-only change mid-canary: same version, steps restart (Argo's step-hash reset)", () => {
        const fewer = [{ setWeight: 50 }, { pause: {} }];
        const i = describeImpact(live(pausedAtStage2), { spec: spec("shop:1", fewer) }, layoutOf(fewer));
        assert.strictEqual(i.effect, "steps-only change: the canary in progress keeps its version, and Argo restarts it at stage 1 of the new 1");
    });

    it("steps-only change at rest: nothing restarts", () => {
        const i = describeImpact(live(promoted), { spec: spec("shop:1", steps.slice(0, 4)) }, layoutOf(steps.slice(0, 4)));
        assert.strictEqual(i.effect, "steps-only change: nothing restarts; the next release follows the new steps");
    });

    it("no template or step change: the release is left alone", () => {
        const i = describeImpact(live(pausedAtStage2), { spec: spec("shop:1") }, layout);
        assert.strictEqual(i.effect, "no change to the pod template or the steps: the release is left as it is");
    });

    it("an adopted Deployment (no template here) is judged by its steps only", () => {
        const i = describeImpact(live(promoted), { spec: { strategy: { canary: { steps } } } }, layout);
        assert.match(i.effect, /^no change/);
    });

    it("an aborted release says so, with the controller's message", () => {
        const s = describeStanding(describeImpact(live({ phase: "Degraded", abort: true, currentStepIndex: 2, message: "RolloutAborted: metric failed",
            canary: { weights: { canary: { weight: 0 } } } }), { spec: spec("shop:1") }, layout).status);
        assert.strictEqual(s, "aborted, canary at 0% (RolloutAborted: metric failed)");
    });

    it("a Rollout the controller has not reported on yet", () => {
        assert.strictEqual(describeImpact({ spec: spec("shop:1") }, { spec: spec("shop:1") }, layout).standing, "status not reported yet");
    });

    it("reverting to the stable version mid-canary is a rollback, not a new canary", () => {
        const stableRs = { metadata: { labels: { app: "shop", "rollouts-pod-template-hash": "aaa" } },
            spec: { containers: [{ name: "app", image: "shop:1", imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log" }] } };
        const i = describeImpact(live(pausedAtStage2, "shop:2"), { spec: spec("shop:1") }, layout, stableRs);
        assert.strictEqual(i.change, "rollback");
        assert.match(i.effect, /^rollback to the stable version: .* switches all traffic back to the stable pods at once, with no canary/);
        const other = describeImpact(live(pausedAtStage2, "shop:2"), { spec: spec("shop:3") }, layout, stableRs);
        assert.strictEqual(other.change, "template");
    });

    it("after an abort: the standing names the stable image, and reverting to it finishes the rollback", () => {
        const stableRs = { metadata: { labels: { app: "shop" } }, spec: { containers: [{ name: "app", image: "shop:1" }] } };
        const aborted = { phase: "Degraded", abort: true, message: "RolloutAborted: metric failed", stableRS: "aaa", currentPodHash: "bbb", currentStepIndex: 0 };
        const i = describeImpact(live(aborted, "shop:2"), { spec: spec("shop:1") }, layout, stableRs);
        assert.match(i.standing, /^aborted .*traffic is on the stable version \(shop:1\): set the image back to it to finish the rollback$/);
        assert.match(i.effect, /finishes the rollback/);
    });

    it("a template matches its ReplicaSet's copy despite the server's defaults, but not with another list", () => {
        const rs = { metadata: { labels: { app: "shop", h: "x" } }, spec: { containers: [{ name: "app", image: "shop:1", imagePullPolicy: "Always" }] } };
        assert.strictEqual(sameTemplate(template("shop:1"), rs), true);
        assert.strictEqual(sameTemplate(template("shop:2"), rs), false);
        assert.strictEqual(sameTemplate({ spec: { containers: [{ image: "shop:1" }, { image: "side:1" }] } }, rs), false);
    });

    it("what storage adds or drops (null, empty maps and lists) is not a change", () => {
        assert.deepStrictEqual(normalize({ b: null, a: { c: {}, d: [] }, e: [1, { f: undefined }] }), { e: [1, {}] });
        const stored = { ...template("shop:1"), metadata: { labels: { app: "shop" }, annotations: {} } };
        const i = describeImpact({ spec: { ...spec("shop:1"), template: stored }, status: promoted }, { spec: spec("shop:1") }, layout);
        assert.match(i.effect, /^no change/);
    });
});
