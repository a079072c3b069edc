// The release lifecycle as code, under the real Argo Rollouts controller: `pulumi up` follows each
// release and fails where a pipeline must stop (a manual gate with onManualGate "fail", a timeout);
// full promotion, abort and retry declared in the program apply once, to the canary they name.
import * as assert from "assert";
import type { Delivery } from "../../provider/src/args";
import { assertNoChanges, observed, releaseProgram, rolloutView, useEndToEnd } from "./helpers";

const NAME = "cart";
const NAMESPACE = "e2e-lifecycle";

describe("e2e: promote, full promotion, abort and retry as code; up fails at a gate or a timeout when told to", function () {
    this.timeout(600_000);
    const { cluster, stack } = useEndToEnd(NAMESPACE, {
        program: releaseProgram(NAME, NAMESPACE, (config) => ({
            replicas: 2,
            template: { ports: [{ containerPort: 8080 }] },
            steps: [{ weight: 50, pause: "" }, { weight: 100 }],
            delivery: config.getObject<Delivery>("delivery"),
        }), (release) => ({ liveSummary: release.liveSummary, status: release.status })),
        stackName: "lifecycle", config: { image: "cart:1" },
    });
    const view = () => rolloutView(cluster, NAME);
    const setDelivery = (d: Delivery | undefined) => d
        ? stack.current().setConfig("delivery", { value: JSON.stringify(d) })
        : stack.current().removeConfig("delivery");
    const up = () => stack.current().up({ onOutput: stack.capture });

    it("the first release: up follows it to Healthy", async () => {
        const res = await up();
        assert.match(res.outputs.liveSummary.value, /^first release: .*; Healthy$/);
    });

    it('onManualGate "fail": the up fails at the gate, saying where the release waits', async () => {
        await stack.current().setConfig("image", { value: "cart:2" });
        await setDelivery({ onManualGate: "fail" });
        await assert.rejects(up(), /Rollout e2e-lifecycle\/cart: paused at stage 1 of 2: waiting for promotion.*\(delivery.onManualGate is "fail"\)/s);
        const v = view();
        assert.ok(observed(v) && v.phase === "Paused" && v.pauseReasons.includes("CanaryPauseStep"), JSON.stringify(v));
    });

    it("full promotion as code: the canary takes all traffic, and the control does nothing afterwards", async () => {
        await setDelivery({ control: { action: "promoteFull", image: "cart:2" } });
        const res = await up();
        assert.match(res.stdout, /full promotion \(for cart:2\): skipping the remaining stages, the canary takes all traffic/);
        assert.strictEqual(res.outputs.liveSummary.value, "Healthy, fully promoted");
        const v = view();
        assert.ok(v.stableRS === v.currentPodHash && v.image === "cart:2", JSON.stringify(v));
        const again = await up();
        assertNoChanges(again.summary.resourceChanges ?? {}, "up after the full promotion");
        assert.match(again.stdout, /full promotion \(for cart:2\): nothing to do, the release is fully promoted/);
    });

    it("a new version with an abort for it in the same change: aborted as asked, the up succeeds", async () => {
        await stack.current().setConfig("image", { value: "cart:3" });
        await setDelivery({ control: { action: "abort", image: "cart:3" } });
        const preview = await stack.current().preview({ onOutput: stack.capture });
        assert.match(preview.stdout, /abort \(for cart:3\): the new canary will be aborted as soon as the controller starts it/);
        const res = await up();
        assert.match(res.outputs.liveSummary.value, /^aborted as the control asked/);
        const v = view();
        assert.ok(v.abort && v.phase === "Degraded" && v.stableRS !== v.currentPodHash, JSON.stringify(v));
        const after = await stack.current().preview({ onOutput: stack.capture });
        assert.match(after.stdout, /traffic is on the stable version \(cart:2\): set the image back to it to finish the rollback/);
        assert.match(after.stdout, /abort \(for cart:3\): nothing to do, the release is aborted already/);
    });

    it("retry as code: the aborted release runs again, and up follows it to its gate", async () => {
        await setDelivery({ control: { action: "retry", image: "cart:3" } });
        const res = await up();
        assert.match(res.stdout, /retry \(for cart:3\): retrying the aborted release from stage 1/);
        assert.match(res.outputs.liveSummary.value, /^paused at stage 1 of 2: waiting for promotion/);
        const v = view();
        assert.ok(!v.abort && v.phase === "Paused", JSON.stringify(v));
    });

    it("a timeout: the up fails when the release does not finish in time, and says where it stands", async () => {
        await setDelivery({ onManualGate: "wait", timeout: "5s" });
        await assert.rejects(up(), /the release did not finish within 5s \(delivery.timeout\): paused at stage 1 of 2: waiting for promotion/);
    });

    it("promote as code after all that: the release completes", async () => {
        await setDelivery({ control: { action: "promote", image: "cart:3" } });
        const res = await up();
        assert.strictEqual(res.outputs.liveSummary.value, "Healthy, fully promoted");
        assert.strictEqual(view().image, "cart:3");
    });

    it("destroy", async () => {
        const res = await stack.current().destroy({ onOutput: stack.capture });
        assert.strictEqual(res.summary.result, "succeeded");
    });
});
