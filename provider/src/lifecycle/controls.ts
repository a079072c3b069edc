// Promote, full promotion, abort and retry, declared in the program: when each applies, the
// patch it makes, and the words the preview and the update print. Pure.
//
// A control names the canary it is meant for (by image), so it never fires on a later release;
// and each applies only while its precondition holds (paused at its stage, not yet promoted,
// not yet aborted, aborted), so an `up` that runs it twice changes nothing the second time.
// The patches are those of `kubectl argo rollouts` (pkg/kubectl-argo-rollouts/cmd/*): merge
// patches on the status subresource; `spec.paused` only when someone paused the spec. `undo` and
// `set image` rewrite spec.template and would fight the program, so there is no such control.
import type { Progress } from "./progress";
import { stageWords } from "./progress";

import type { ControlAction, ResolvedControl } from "../resolve/model";

export type { ControlAction, ResolvedControl } from "../resolve/model";

/** Merge patches: on the status subresource, and (rarely) on the spec. */
export interface ControlPatch {
    status: Record<string, unknown>;
    spec?: Record<string, unknown>;
}

export type ControlDecision =
    | { kind: "apply"; patch: ControlPatch; words: string }
    /** Not yet: the release may still reach the point where it applies (a later gate). */
    | { kind: "later"; words: string }
    /** Never for this release: done already, or meant for another canary. */
    | { kind: "skip"; words: string };

export const CONTROL_PATCHES = {
    promote: (specPaused: boolean): ControlPatch => ({ status: { pauseConditions: null }, ...(specPaused && { spec: { paused: false } }) }),
    promoteFull: (): ControlPatch => ({ status: { promoteFull: true } }),
    abort: (): ControlPatch => ({ status: { abort: true } }),
    retry: (): ControlPatch => ({ status: { abort: false } }),
};

export function controlName(c: ResolvedControl): string {
    const what = c.action === "promote" ? `promote past stage ${(c.stage ?? 0) + 1}` : c.action === "promoteFull" ? "full promotion" : c.action;
    return `${what} (for ${c.image})`;
}

/** Why an action cannot apply to a release, whoever asks (a control declared in the program or the CLI). */
export type ControlBlock = "fully-promoted" | "aborted" | "not-aborted";

/**
 * The one rule of when each action applies: retry only to an aborted release; the others never to a
 * fully promoted or an aborted one. Callers add what is theirs (a declared promote waits for its
 * stage; the CLI refuses a stale spec, a Degraded release, a promote of an unpaused one).
 */
export function controlBlock(action: ControlAction, release: { fullyPromoted: boolean; aborted: boolean }): ControlBlock | undefined {
    if (action === "retry") return release.aborted ? undefined : "not-aborted";
    if (release.fullyPromoted) return "fully-promoted";
    if (release.aborted) return "aborted";
    return undefined;
}

/**
 * Pure: what `control` does to a release at `progress` whose canary runs `canaryImages`.
 * `progress` must describe the current spec (not stale).
 */
export function decideControl(c: ResolvedControl, canaryImages: string[], progress: Progress, specPaused = false): ControlDecision {
    const name = controlName(c);
    if (!canaryImages.includes(c.image)) {
        return { kind: "skip", words: `${name}: not applied, the canary runs ${canaryImages.join(", ") || "another image"}; remove the control` };
    }
    const p = progress;
    const block = controlBlock(c.action, { fullyPromoted: p.state === "healthy", aborted: p.state === "aborted" });
    if (block === "fully-promoted") return { kind: "skip", words: `${name}: nothing to do, the release is fully promoted` };
    if (block === "not-aborted") return { kind: "skip", words: `${name}: nothing to do, the release is not aborted` };
    if (block === "aborted") {
        return { kind: "skip", words: c.action === "abort" ? `${name}: nothing to do, the release is aborted already` : `${name}: not applied, the release is aborted (retry it first)` };
    }
    switch (c.action) {
        case "promote": {
            const stage = c.stage ?? 0;
            const at = p.stage ?? 0;
            if ((p.state === "gate" || p.state === "inconclusive") && at === stage) {
                return { kind: "apply", patch: CONTROL_PATCHES.promote(specPaused), words: `${name}: promoting past the gate at ${stageWords(p)}` };
            }
            if (at > stage) return { kind: "skip", words: `${name}: nothing to do, the release is past that stage (at ${stageWords(p)})` };
            return { kind: "later", words: `${name}: applies when the release pauses at stage ${stage + 1}` };
        }
        case "promoteFull":
            return { kind: "apply", patch: CONTROL_PATCHES.promoteFull(), words: `${name}: skipping the remaining stages, the canary takes all traffic` };
        case "abort":
            return { kind: "apply", patch: CONTROL_PATCHES.abort(), words: `${name}: aborting, traffic goes back to the stable version` };
        case "retry":
            return { kind: "apply", patch: CONTROL_PATCHES.retry(), words: `${name}: retrying the aborted release from stage 1` };
    }
}
