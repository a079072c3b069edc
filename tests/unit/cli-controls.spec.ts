// promote, promote --full, abort and retry from the CLI: the patches of `kubectl argo rollouts`
// (the lifecycle core's CONTROL_PATCHES) where they make sense, a refusal that says why elsewhere.
import * as assert from "assert";
import { actionOf, leftBehind } from "../../provider/src/cli/commands/control";
import { CliAction, planControl } from "../../provider/src/cli/control-plan";
import { parseCommandLine } from "../../provider/src/cli/args";
import type { Invocation } from "../../provider/src/cli/args";
import { CONTROL_PATCHES } from "../../provider/src/lifecycle/controls";
import { AT, observation, rollout } from "../helpers/cli";

const plan = (action: CliAction, at: keyof typeof AT) => {
    const o = observation(AT[at]());
    return planControl(action, o.rollout!, o.progress!);
};
const refusal = (action: CliAction, at: keyof typeof AT) => {
    const p = plan(action, at);
    assert.strictEqual(p.kind, "refuse", `${action} at ${at}`);
    return p.kind === "refuse" ? p.reason : "";
};

describe("cli: controls", () => {
    it("the command line picks the action", () => {
        const inv = (argv: string[]) => parseCommandLine(argv) as Invocation & { help: false };
        assert.deepStrictEqual(["promote", "promote --full", "abort", "retry"].map((c) => actionOf(inv([...c.split(" "), "shop"]))),
            ["promote", "promoteFull", "abort", "retry"]);
    });

    describe("promote", () => {
        it("at a manual gate or an inconclusive analysis: clears the pause conditions", () => {
            for (const at of ["gate", "inconclusive"] as const) {
                const p = plan("promote", at);
                assert.deepStrictEqual(p.kind === "apply" && p.patch, CONTROL_PATCHES.promote(false), at);
            }
            const p = plan("promote", "gate");
            assert.strictEqual(p.kind === "apply" && p.done, "promoted past the gate at stage 1 of 2");
        });
        it("a timed pause: skips the rest of the wait, as kubectl argo rollouts does", () => {
            const p = plan("promote", "timedPause");
            assert.strictEqual(p.kind === "apply" && p.done, "promoted past the rest of the wait at stage 2 of 2");
        });
        it("a spec paused by hand: unpauses it too", () => {
            const r = rollout({ phase: "Paused", currentStepIndex: 2 }, { paused: true });
            const o = observation(r);
            const p = planControl("promote", r, o.progress!);
            assert.deepStrictEqual(p.kind === "apply" && p.patch, { status: { pauseConditions: null }, spec: { paused: false } });
        });
        it("refuses where there is no pause to pass", () => {
            assert.match(refusal("promote", "progressing"), /^the release is not paused \(stage 1 of 2\); `promote` passes a pause, `promote --full` skips every remaining stage$/);
            assert.strictEqual(refusal("promote", "healthy"), "nothing to promote: the release is fully promoted");
            assert.match(refusal("promote", "aborted"), /^the release is aborted; `retry` runs it again/);
            assert.match(refusal("promote", "degraded"), /^the release is Degraded, promoting does not fix that: ProgressDeadlineExceeded/);
            assert.match(refusal("promote", "stale"), /has not picked up the Rollout's latest spec yet/);
        });
    });

    it("promote --full: sets promoteFull wherever a canary runs; not once fully promoted or aborted", () => {
        for (const at of ["progressing", "gate", "timedPause", "inconclusive", "degraded"] as const) {
            const p = plan("promoteFull", at);
            assert.deepStrictEqual(p.kind === "apply" && p.patch, CONTROL_PATCHES.promoteFull(), at);
        }
        assert.strictEqual(refusal("promoteFull", "healthy"), "nothing to promote: the release is fully promoted");
        assert.match(refusal("promoteFull", "aborted"), /retry/);
    });

    it("abort: sets abort wherever a canary runs, and says how to finish the rollback", () => {
        for (const at of ["progressing", "gate", "timedPause", "inconclusive", "degraded"] as const) {
            const p = plan("abort", at);
            assert.deepStrictEqual(p.kind === "apply" && p.patch, CONTROL_PATCHES.abort(), at);
        }
        const p = plan("abort", "gate");
        assert.match(p.kind === "apply" ? p.done : "", /^aborted: traffic goes back to the stable version\. spec\.template still holds the new version/);
        assert.match(refusal("abort", "healthy"), /^nothing to abort: the release is fully promoted; to go back, deploy the previous version$/);
        assert.match(refusal("abort", "aborted"), /^the release is aborted already/);
    });

    it("retry: clears abort on an aborted release only", () => {
        const p = plan("retry", "aborted");
        assert.deepStrictEqual(p.kind === "apply" && p.patch, CONTROL_PATCHES.retry());
        for (const at of ["progressing", "gate", "healthy", "degraded"] as const) {
            assert.match(refusal("retry", at), /^the release is not aborted \(.*\); `retry` runs an aborted release again$/, at);
        }
    });

    it("--wait: the state a control left counts as not yet settled until the controller reacts", () => {
        const gate = observation(AT.gate());
        assert.strictEqual(leftBehind("promote", gate)(gate), true, "still at the same gate");
        const nextGate = observation(rollout({ phase: "Paused", currentStepIndex: 3, pauseConditions: [{ reason: "CanaryPauseStep" }] }));
        assert.strictEqual(leftBehind("promote", gate)({ ...nextGate, progress: { ...nextGate.progress!, state: "gate" } }), false, "a later gate is an end");
        const aborted = observation(AT.aborted());
        assert.strictEqual(leftBehind("retry", aborted)(observation(AT.degraded())), true, "Degraded until the controller retries");
        assert.strictEqual(leftBehind("retry", aborted)(observation(AT.progressing())), false);
        assert.strictEqual(leftBehind("abort", gate)(aborted), false, "an abort shows at once");
    });
});
