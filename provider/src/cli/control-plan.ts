// What `promote`, `promote --full`, `abort` and `retry` do to a release where it stands: the
// patch of `kubectl argo rollouts` (CONTROL_PATCHES), or a refusal that says why and what to do
// instead. Pure. Where the plugin would do something these patches do not express, the CLI
// refuses rather than guess: `kubectl argo rollouts promote` on a Rollout that is not paused moves
// its step index past a running step; here promote passes a pause only.
import { ControlAction, controlBlock, ControlPatch, CONTROL_PATCHES } from "../lifecycle/controls";
import { stageWords } from "../lifecycle/progress";
import type { LiveRollout, Progress } from "../lifecycle/progress";

export type CliAction = ControlAction;

export type ControlPlan =
    | { kind: "apply"; patch: ControlPatch; done: string }
    | { kind: "refuse"; reason: string };

export function planControl(action: CliAction, rollout: LiveRollout, p: Progress): ControlPlan {
    const at = stageWords(p);
    const refuse = (reason: string): ControlPlan => ({ kind: "refuse", reason });
    if (p.state === "stale") {
        return refuse("the Argo Rollouts controller has not picked up the Rollout's latest spec yet; run it again in a moment");
    }
    const s = rollout.status ?? {};
    // Stable pods on the latest template: no canary runs (kubectl's promote --full patches nothing then).
    const fullyPromoted = p.state === "healthy" ||
        (s.stableRS !== undefined && s.stableRS === s.currentPodHash && p.state !== "aborted" && p.state !== "degraded");
    const block = controlBlock(action, { fullyPromoted, aborted: p.state === "aborted" });
    if (block === "not-aborted") return refuse(`the release is not aborted (${p.line}); \`retry\` runs an aborted release again`);
    if (block === "fully-promoted") {
        return refuse(action === "abort" ? "nothing to abort: the release is fully promoted; to go back, deploy the previous version" : "nothing to promote: the release is fully promoted");
    }
    if (block === "aborted") return refuse(action === "abort" ? `the release is aborted already (${p.line})` : `the release is aborted; \`retry\` runs it again (${p.line})`);
    switch (action) {
        case "promote": {
            if (p.state === "degraded") return refuse(`the release is Degraded, promoting does not fix that: ${p.message ?? p.line}`);
            const paused = rollout.spec?.paused === true;
            if (!paused && !(s.pauseConditions ?? []).length) {
                return refuse(`the release is not paused (${p.line}); \`promote\` passes a pause, \`promote --full\` skips every remaining stage`);
            }
            const what = p.state === "inconclusive" ? `the inconclusive analysis at ${at ?? "this stage"}`
                : p.waitSeconds !== undefined ? `the rest of the wait at ${at ?? "this stage"}` : `the gate at ${at ?? "this stage"}`;
            return { kind: "apply", patch: CONTROL_PATCHES.promote(paused), done: `promoted past ${what}` };
        }
        case "promoteFull":
            return { kind: "apply", patch: CONTROL_PATCHES.promoteFull(), done: "fully promoted: the remaining stages are skipped and the canary takes all traffic" };
        case "abort":
            return {
                kind: "apply", patch: CONTROL_PATCHES.abort(),
                done: "aborted: traffic goes back to the stable version. spec.template still holds the new version: " +
                    "set the image back in the program to finish the rollback, or `retry` to run the release again",
            };
        case "retry":
            return { kind: "apply", patch: CONTROL_PATCHES.retry(), done: "retried: the release runs again from stage 1" };
    }
}
