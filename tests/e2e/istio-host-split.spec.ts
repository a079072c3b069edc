// An Istio host-split canary under the real Argo Rollouts controller: the controller writes the
// VirtualService weights at each stage (read back here), `pulumi preview` and `pulumi up` during
// the canary neither show nor revert them, and promoting to the end puts them back at 100/0.
import * as assert from "assert";
import {
    assertNoChanges, observed, promote, readObject, releaseProgram, rolloutView, RolloutView, useEndToEnd,
    VIRTUAL_SERVICE, vsWeights, waitUntil,
} from "./helpers";

const NAME = "web";
const NAMESPACE = "e2e-istio";

describe("e2e: an Istio host split under the real controller (weights written by it, never fought over)", function () {
    this.timeout(600_000);
    const { cluster, stack } = useEndToEnd(NAMESPACE, {
        program: releaseProgram(NAME, NAMESPACE, () => ({
            replicas: 4,
            template: { ports: [{ name: "http", containerPort: 8080 }] },
            istio: { retries: { attempts: 2, perTryTimeout: "1s" } },
            steps: [{ weight: 20, pause: "" }, { weight: 50, pause: "" }, { weight: 80, pause: "5s" }],
        }), (release) => ({
            virtualServiceName: release.virtualServiceName, stableServiceName: release.stableServiceName,
            canaryServiceName: release.canaryServiceName, liveSummary: release.liveSummary, changeImpact: release.changeImpact,
        })),
        stackName: "istio", config: { image: "web:1" },
    });
    const view = () => rolloutView(cluster, NAME);
    const weights = () => vsWeights(cluster, NAME, "primary");
    const state = () => ({ rollout: view(), weights: weights() });
    const pausedAt = (step: number, w: number[]) => ({ rollout: v, weights: ws }: { rollout: RolloutView; weights: number[] }) =>
        observed(v) && v.phase === "Paused" && v.currentStepIndex === step && ws.join() === w.join();
    const noChangesNow = async (what: string) => {
        const preview = await stack.current().preview({ onOutput: stack.capture });
        assertNoChanges(preview.changeSummary, what);
        const refreshed = await stack.current().preview({ refresh: true, onOutput: stack.capture });
        assertNoChanges(refreshed.changeSummary, `${what} (with refresh)`);
        return preview.stdout;
    };

    it("up: the first release is Healthy with all traffic on stable (100/0)", async () => {
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.outputs.virtualServiceName.value, NAME);
        await waitUntil("first release Healthy", view, (v) => observed(v) && v.phase === "Healthy" && v.stableRS === v.currentPodHash);
        assert.deepStrictEqual(weights(), [100, 0]);
        // The controller points each Service at its pods by hash.
        const stable = readObject(cluster, "service", up.outputs.stableServiceName.value);
        assert.strictEqual(stable.spec.selector["rollouts-pod-template-hash"], view().stableRS);
        await noChangesNow("after the first release");
    });

    it("an image change: the controller sets 80/20 at stage 1 and waits; preview and up leave the weights alone", async () => {
        await stack.current().setConfig("image", { value: "web:2" });
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.outputs.changeImpact.value, "this pod template change starts a new canary from stage 1");
        // up followed the release to the gate of stage 1.
        assert.match(up.outputs.liveSummary.value, /^paused at stage 1 of 3 \(20%\): waiting for promotion/);
        const s = await waitUntil("paused at stage 1 with the VirtualService at 80/20", state, pausedAt(1, [80, 20]));
        assert.strictEqual(s.rollout.canaryWeight, 20);
        const canary = readObject(cluster, "service", up.outputs.canaryServiceName.value);
        assert.strictEqual(canary.spec.selector["rollouts-pod-template-hash"], s.rollout.currentPodHash);
        const stdout = await noChangesNow("during the canary at stage 1");
        assert.match(stdout, /Rollout web: paused at stage 1 of 3, canary at 20%; no change to the pod template or the steps/);
        const again = await stack.current().up({ onOutput: stack.capture });
        assertNoChanges(again.summary.resourceChanges ?? {}, "up during the canary");
        assert.match(again.outputs.liveSummary.value, /^paused at stage 1 of 3 \(20%\): waiting for promotion; ready pods: canary \d\/\d, stable \d\/\d$/);
        assert.deepStrictEqual(weights(), [80, 20], "pulumi up did not revert the controller's weights");
        // The route keeps what the component wrote besides the weights.
        const route = readObject(cluster, VIRTUAL_SERVICE, NAME).spec.http.find((h: any) => h.name === "primary");
        assert.deepStrictEqual(route.retries, { attempts: 2, perTryTimeout: "1s" });
    });

    it("promote: 50/50 at stage 2, still no changes in a preview", async () => {
        promote(cluster, NAME);
        await waitUntil("paused at stage 2 with the VirtualService at 50/50", state, pausedAt(3, [50, 50]));
        const stdout = await noChangesNow("during the canary at stage 2");
        assert.match(stdout, /Rollout web: paused at stage 2 of 3, canary at 50%/);
    });

    it("promote to the end: 20/80 in the timed stage 3, then fully promoted and back to 100/0", async () => {
        promote(cluster, NAME);
        await waitUntil("stage 3 with the VirtualService at 20/80", state,
            ({ rollout: v, weights: ws }) => v.currentStepIndex === 5 && ws.join() === "20,80", 30_000, 200);
        const done = await waitUntil("Healthy, fully promoted, VirtualService back to 100/0", state,
            ({ rollout: v, weights: ws }) => observed(v) && v.phase === "Healthy" && v.stableRS === v.currentPodHash && ws.join() === "100,0");
        assert.strictEqual(done.rollout.image, "web:2");
        const stable = readObject(cluster, "service", `${NAME}-stable`);
        assert.strictEqual(stable.spec.selector["rollouts-pod-template-hash"], done.rollout.stableRS, "stable Service on the new pods");
        await noChangesNow("after the release");
        const up = await stack.current().up({ onOutput: stack.capture });
        assert.strictEqual(up.outputs.liveSummary.value, "Healthy, fully promoted");
    });

    it("destroy removes the release", async () => {
        const res = await stack.current().destroy({ onOutput: stack.capture });
        assert.strictEqual(res.summary.result, "succeeded");
        assert.strictEqual(readObject(cluster, VIRTUAL_SERVICE, NAME), undefined);
    });
});
