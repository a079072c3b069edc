// A replica-count canary splits traffic by pods: the component predicts the controller's split
// (same algorithm) and warns when a stage's weight cannot be approached.
import * as assert from "assert";
import { parseArgs } from "../../provider/src/parse";
import { approximatePodSplit, surgeAllowed } from "../../provider/src/core/replica-weights";

describe("replica-count weights", () => {
    it("10% of 10 replicas: 1 canary, 9 stable", () => assert.deepStrictEqual(approximatePodSplit(10, 10, true), { canary: 1, stable: 9, actualPercent: 10 }));
    it("10% of 1 replica with surge: 1 canary beside 1 stable, 50%", () => assert.deepStrictEqual(approximatePodSplit(1, 10, true), { canary: 1, stable: 1, actualPercent: 50 }));
    it("50% of 3 replicas: surges to 2 and 2", () => assert.deepStrictEqual(approximatePodSplit(3, 50, true), { canary: 2, stable: 2, actualPercent: 50 }));
    it("without surge, 1 replica at 10% stays all stable", () => assert.deepStrictEqual(approximatePodSplit(1, 10, false), { canary: 0, stable: 1, actualPercent: 0 }));
    it("surge: Argo's 25% default allows one more pod; 0 does not", () => {
        assert.ok(surgeAllowed(undefined, 1));
        assert.ok(!surgeAllowed("0", 4));
        assert.ok(!surgeAllowed("0%", 4));
    });
    it("warns at the stage whose weight the pods cannot approach", () => {
        const { warnings } = parseArgs("shop", { template: { image: "x" }, replicas: 2, steps: [{ weight: 10, pause: "1m" }, { weight: 50 }] });
        assert.deepStrictEqual(warnings, [
            "steps[0].weight: without a traffic router, 10% of 2 replicas runs 1 canary pod beside 2 stable (33.3% of traffic); raise replicas or use istio, nginx or gatewayApi for an exact split.",
        ]);
    });
    it("no warning with a traffic router or enough replicas", () => {
        assert.deepStrictEqual(parseArgs("shop", { template: { image: "x" }, replicas: 2, istio: {}, steps: [{ weight: 10 }] }).warnings, []);
        assert.deepStrictEqual(parseArgs("shop", { template: { image: "x" }, replicas: 10, steps: [{ weight: 10 }] }).warnings, []);
    });
});
