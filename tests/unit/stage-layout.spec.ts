// The stage layout round trip: the builder records it on the Rollout, readers read it back,
// for every scenario shape, so "stage i of N" always counts the stages the user wrote.
import * as assert from "assert";
import { decodeLayout, encodeLayout, LAYOUT_ANNOTATION, layoutOfRollout } from "../../provider/src/lifecycle/layout";
import { SCENARIOS } from "../helpers/scenarios";
import { render } from "../helpers/render";
import type { CanaryDeliveryArgs } from "../../provider/src/args";
import { stagesOf } from "../../provider/src/core/progression";

describe("stage layout on the Rollout", () => {
    const shapes: { name: string; args: CanaryDeliveryArgs }[] = [
        ...SCENARIOS,
        { name: "scale-first", args: { template: { image: "a:1" }, istio: {}, steps: [
            { weight: 10, setCanaryScale: { replicas: 1 }, pause: "" }, { pause: "1m" }, { weight: 50, analysis: false }] } },
        { name: "no-weight-stage", args: { template: { image: "a:1" }, steps: [{ weight: 20, pause: "30s" }, { pause: "" }, { weight: 100 }] } },
        { name: "no-steps", args: { template: { image: "a:1" }, steps: [] } },
    ];
    for (const s of shapes) {
        it(`${s.name}: the recorded layout is the builder's, one entry per user stage`, () => {
            const { manifests } = render(s.name, s.args);
            const rollout = manifests.children.find((c) => c.kind === "Rollout")!.manifest as any;
            const annotation = rollout.metadata.annotations[LAYOUT_ANNOTATION];
            assert.strictEqual(annotation, encodeLayout(manifests.layout));
            const read = layoutOfRollout(rollout);
            assert.deepStrictEqual(read, manifests.layout);
            assert.strictEqual(read.stageStart.length, stagesOf(s.args).length);
            assert.strictEqual(read.argoStepCount, rollout.spec.strategy.canary.steps.length);
        });
    }

    it("a stage without a weight is a stage of its own; a canary scale does not make two", () => {
        const { manifests } = render("x", { template: { image: "a:1" }, istio: {}, steps: [{ weight: 10, setCanaryScale: { replicas: 1 } }, { pause: "1m" }, { weight: 50 }] });
        assert.deepStrictEqual(manifests.layout.stageStart.length, 3);
    });

    it("a value that is not ours, or whose step count no longer matches, falls back to the steps", () => {
        assert.strictEqual(decodeLayout("nonsense"), undefined);
        assert.strictEqual(decodeLayout("2,0/4"), undefined);
        assert.deepStrictEqual(decodeLayout("/0"), { stageStart: [], argoStepCount: 0 });
        const steps = [{ setWeight: 10 }, { pause: {} }, { setWeight: 50 }];
        assert.deepStrictEqual(layoutOfRollout({ metadata: { annotations: { [LAYOUT_ANNOTATION]: "0/9" } }, spec: { strategy: { canary: { steps } } } }),
            { stageStart: [0, 2], argoStepCount: 3 });
    });
});
