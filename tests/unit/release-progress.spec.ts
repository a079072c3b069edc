// The follow's state machine: every phase, pause reason, abort reason and a stale status, as
// the Argo controller writes them, classified into what a pipeline branches on.
import * as assert from "assert";
import { LiveRollout, progressOf, settled } from "../../provider/src/lifecycle/progress";
import type { StepLayout } from "../../provider/src/core/status";

// Three stages: 10% for 1m, 30% until promoted, 60% with analysis.
const steps = [{ setWeight: 10 }, { pause: { duration: "1m" } }, { setWeight: 30 }, { pause: {} }, { setWeight: 60 }, { analysis: {} }];
const layout: StepLayout = { stageStart: [0, 2, 4], argoStepCount: 6 };

function rollout(status: NonNullable<LiveRollout["status"]>, opts: { generation?: number; paused?: boolean } = {}): LiveRollout {
    const generation = opts.generation ?? 2;
    return {
        metadata: { generation },
        spec: { paused: opts.paused, strategy: { canary: { steps } } },
        status: { observedGeneration: String(generation), stableRS: "s1", currentPodHash: "c2", ...status },
    };
}

describe("release progress", () => {
    it("stale: observedGeneration (a string) behind metadata.generation; a stale Healthy never ends a wait", () => {
        const r = rollout({ phase: "Healthy", stableRS: "s1", currentPodHash: "s1" });
        r.metadata!.generation = 3;
        const p = progressOf(r, layout);
        assert.strictEqual(p.state, "stale");
        assert.strictEqual(settled(p), false);
        assert.strictEqual(progressOf({ status: { phase: "Healthy" } }, layout).state, "stale", "no generation at all");
    });

    it("healthy: phase Healthy and stableRS == currentPodHash", () => {
        const p = progressOf(rollout({ phase: "Healthy", stableRS: "c2", currentPodHash: "c2", currentStepIndex: 6 }), layout);
        assert.strictEqual(p.state, "healthy");
        assert.strictEqual(p.line, "Healthy, fully promoted");
    });

    it("Healthy while stableRS differs from the current hash is still progressing", () => {
        assert.strictEqual(progressOf(rollout({ phase: "Healthy", currentStepIndex: 2 }), layout).state, "progressing");
    });

    it("progressing at a stage, with weight, analysis and ready pods", () => {
        const p = progressOf(rollout({
            phase: "Progressing", currentStepIndex: 5,
            canary: { weights: { canary: { weight: 60 } }, currentStepAnalysisRunStatus: { name: "shop-c2-2-5", status: "Running" } },
        }), layout, { canary: { ready: 1, desired: 2 }, stable: { ready: 3, desired: 3 } });
        assert.strictEqual(p.state, "progressing");
        assert.strictEqual(p.stage, 2);
        assert.strictEqual(p.line, "stage 3 of 3: canary at 60%, analysis Running; ready pods: canary 1/2, stable 3/3");
    });

    it("a timed pause (CanaryPauseStep with a duration) is progress, not a gate", () => {
        const p = progressOf(rollout({ phase: "Paused", currentStepIndex: 1, pauseConditions: [{ reason: "CanaryPauseStep" }],
            canary: { weights: { canary: { weight: 10 } } } }), layout);
        assert.strictEqual(p.state, "progressing");
        assert.strictEqual(p.line, "stage 1 of 3: canary at 10%, waiting 1m");
    });

    it("gate: CanaryPauseStep at a pause without duration", () => {
        const p = progressOf(rollout({ phase: "Paused", currentStepIndex: 3, pauseConditions: [{ reason: "CanaryPauseStep" }],
            canary: { weights: { canary: { weight: 30 } } } }), layout);
        assert.strictEqual(p.state, "gate");
        assert.strictEqual(p.line, "paused at stage 2 of 3 (30%): waiting for promotion");
        assert.strictEqual(settled(p), true);
    });

    it("gate: spec.paused (someone paused the release)", () => {
        assert.strictEqual(progressOf(rollout({ phase: "Paused", currentStepIndex: 2 }, { paused: true }), layout).state, "gate");
    });

    it("inconclusive: InconclusiveAnalysisRun (and InconclusiveExperiment) wait for a person", () => {
        for (const reason of ["InconclusiveAnalysisRun", "InconclusiveExperiment"]) {
            const p = progressOf(rollout({ phase: "Paused", currentStepIndex: 5, pauseConditions: [{ reason }] }), layout);
            assert.strictEqual(p.state, "inconclusive", reason);
            assert.match(p.line, /^paused at stage 3 of 3: the analysis is inconclusive/);
        }
    });

    it("aborted: status.abort, with the controller's message (a failed analysis)", () => {
        const message = 'RolloutAborted: Rollout aborted update to revision 2: Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)';
        const p = progressOf(rollout({ phase: "Degraded", abort: true, message, currentStepIndex: 0 }), layout);
        assert.strictEqual(p.state, "aborted");
        assert.strictEqual(p.message, message);
        assert.ok(p.line.startsWith(`aborted: ${message}`));
    });

    it("degraded without an abort: ProgressDeadlineExceeded and InvalidSpec", () => {
        for (const message of ["ProgressDeadlineExceeded: ReplicaSet \"shop-c2\" has timed out progressing.", "InvalidSpec: The Rollout \"shop\" is invalid"]) {
            const p = progressOf(rollout({ phase: "Degraded", message }), layout);
            assert.strictEqual(p.state, "degraded");
            assert.strictEqual(p.line, `Degraded: ${message}`);
        }
    });

    it("an abort wins over a pause and over Degraded", () => {
        const p = progressOf(rollout({ phase: "Degraded", abort: true, pauseConditions: [{ reason: "CanaryPauseStep" }], currentStepIndex: 3 }), layout);
        assert.strictEqual(p.state, "aborted");
    });

    it("stages come from the layout: a stage of several Argo steps counts once", () => {
        // stage 1: setCanaryScale + setWeight + pause; stage 2: setWeight + pause
        const scaled: StepLayout = { stageStart: [0, 3], argoStepCount: 5 };
        const r: LiveRollout = { metadata: { generation: 1 }, spec: { strategy: { canary: { steps: [
            { setCanaryScale: { replicas: 1 } }, { setWeight: 10 }, { pause: {} }, { setWeight: 50 }, { pause: {} }] } } },
        status: { observedGeneration: "1", phase: "Paused", currentStepIndex: 2, pauseConditions: [{ reason: "CanaryPauseStep" }] } };
        assert.strictEqual(progressOf(r, scaled).line, "paused at stage 1 of 2: waiting for promotion");
    });
});
