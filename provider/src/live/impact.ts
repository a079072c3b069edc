// What a change does to a live release, in the words a reviewer reads in `pulumi preview`:
// where the running Rollout stands ("paused at stage 2 of 4, canary at 30%") and what this
// change does to it ("this pod template change restarts the canary from stage 1"). Pure:
// the live Rollout comes in as read from the cluster, the desired spec as built.
//
// Argo Rollouts' rules it encodes: a new pod template (a new pod-template-hash) starts a
// canary from the first step, replacing one in progress; a change to the steps alone keeps
// the canary's version but resets the step index to zero (the controller's step-hash check);
// the very first deploy of a Rollout skips the steps.
import { StepLayout, summarizeRolloutStatus, RolloutStatus } from "../status";

/** The parts of a Rollout the impact depends on. */
export interface RolloutParts {
    spec?: {
        template?: unknown;
        strategy?: { canary?: { steps?: unknown[] } };
    };
    status?: unknown;
}

export interface Impact {
    /** The live status, summarised for the live Rollout's own stages. */
    status: RolloutStatus;
    /** Where the live release stands; "not deployed yet" when there is no Rollout. */
    standing: string;
    /** What applying the desired Rollout does to it. */
    effect: string;
}

/**
 * Stage layout of a live Rollout's steps: a stage begins at each `setWeight` (the component
 * renders one per stage), so status indices map back to stages for any Rollout it made.
 */
export function layoutOf(steps: unknown[] | undefined): StepLayout {
    const list = steps ?? [];
    const stageStart = list.flatMap((s, i) => (isRecord(s) && "setWeight" in s ? [i] : []));
    if (list.length > 0 && stageStart[0] !== 0) stageStart.unshift(0);
    return { stageStart, argoStepCount: list.length };
}

export function describeStanding(s: RolloutStatus): string {
    if (!s.known) return "status not reported yet";
    const where = s.currentStage === undefined ? undefined
        : s.currentStage >= s.stageCount ? `all ${s.stageCount} stages done`
        : `stage ${s.currentStage + 1} of ${s.stageCount}`;
    const weight = s.canaryWeight === undefined ? undefined : `canary at ${s.canaryWeight}%`;
    if (s.aborted) return joinWords([["aborted", weight].filter(Boolean).join(", "), s.message && `(${s.message})`]);
    if (s.fullyPromoted && !s.paused) return `${s.phase ?? "Healthy"}, fully promoted`;
    const state = s.paused ? `paused at ${where ?? "a stage"}` : joinWords([s.phase ?? "progressing", where && `at ${where}`]);
    return [state, weight].filter(Boolean).join(", ");
}

/** Pure: the impact of applying `desired` over `live` (undefined when no Rollout exists). */
export function describeImpact(live: RolloutParts | undefined, desired: RolloutParts, desiredLayout: StepLayout): Impact {
    if (!live) {
        return {
            status: summarizeRolloutStatus(undefined, desiredLayout),
            standing: "not deployed yet",
            effect: "first release: Argo Rollouts skips the steps on a Rollout's first deploy, so this version goes to 100% at once",
        };
    }
    const liveLayout = layoutOf(live.spec?.strategy?.canary?.steps);
    const status = summarizeRolloutStatus(live.status, liveLayout);
    const standing = describeStanding(status);
    const templateChanges = desired.spec?.template !== undefined
        && !sameJson(live.spec?.template, desired.spec.template);
    const stepsChange = !sameJson(live.spec?.strategy?.canary?.steps, desired.spec?.strategy?.canary?.steps);
    const inProgress = status.known && !status.fullyPromoted && !status.aborted;
    let effect: string;
    if (templateChanges) {
        effect = inProgress
            ? "this pod template change replaces the canary in progress and restarts from stage 1"
            : "this pod template change starts a new canary from stage 1";
    } else if (stepsChange) {
        effect = inProgress
            ? `steps-only change: the canary in progress keeps its version, and Argo restarts it at stage 1 of the new ${desiredLayout.stageStart.length}`
            : "steps-only change: nothing restarts; the next release follows the new steps";
    } else {
        effect = "no change to the pod template or the steps: the release is left as it is";
    }
    return { status, standing, effect };
}

function joinWords(words: (string | false | undefined)[]): string {
    return words.filter(Boolean).join(" ");
}

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Drops what a stored object may add or omit without meaning anything: null, empty objects and arrays. */
export function normalize(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(normalize);
    if (!isRecord(v)) return v;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) {
        const value = normalize(v[key]);
        const empty = value === null || value === undefined
            || (Array.isArray(value) && value.length === 0)
            || (isRecord(value) && Object.keys(value).length === 0);
        if (!empty) out[key] = value;
    }
    return out;
}

function sameJson(a: unknown, b: unknown): boolean {
    return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}
