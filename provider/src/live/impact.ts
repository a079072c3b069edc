// What a change does to a live release, in the words a reviewer reads in `pulumi preview`:
// where the running Rollout stands ("paused at stage 2 of 4, canary at 30%") and what this
// change does to it ("this pod template change restarts the canary from stage 1"). Pure:
// the live Rollout comes in as read from the cluster, the desired spec as built.
//
// Argo Rollouts' rules it encodes: a new pod template (a new pod-template-hash) starts a
// canary from the first step, replacing one in progress; a change to the steps alone keeps
// the canary's version but resets the step index to zero (the controller's step-hash check);
// the very first deploy of a Rollout skips the steps; a template equal to the stable
// ReplicaSet's while a canary is in progress (or aborted) is a rollback: the controller switches
// back to the stable pods at once, with no canary.
import { layoutOfRollout } from "../lifecycle/layout";
import type { RolloutStatus, StepLayout } from "../core/status";
import { summarizeRolloutStatus } from "./status";

/** The parts of a Rollout the impact depends on. */
export interface RolloutParts {
    metadata?: { generation?: number; annotations?: Record<string, string> };
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
    /** The kind of change: a first Rollout, a new pod template, a rollback to the stable one, new steps only, or none. */
    change: "first" | "template" | "rollback" | "steps" | "none";
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

/**
 * Pure: the impact of applying `desired` over `live` (undefined when no Rollout exists).
 * `stableTemplate` is the pod template of the live stable ReplicaSet, when a canary is in progress.
 */
export function describeImpact(live: RolloutParts | undefined, desired: RolloutParts, desiredLayout: StepLayout, stableTemplate?: unknown): Impact {
    if (!live) {
        return {
            status: summarizeRolloutStatus(undefined, desiredLayout),
            standing: "not deployed yet",
            effect: "first release: Argo Rollouts skips the steps on a Rollout's first deploy, so this version goes to 100% at once",
            change: "first",
        };
    }
    const status = summarizeRolloutStatus(live.status, layoutOfRollout(live));
    const stableImages = imagesOf(stableTemplate);
    const standing = status.aborted && stableImages.length
        ? `${describeStanding(status)}; traffic is on the stable version (${stableImages.join(", ")}): set the image back to it to finish the rollback`
        : describeStanding(status);
    const templateChanges = desired.spec?.template !== undefined
        && !sameJson(live.spec?.template, desired.spec.template);
    const stepsChange = !sameJson(live.spec?.strategy?.canary?.steps, desired.spec?.strategy?.canary?.steps);
    const inProgress = status.known && !status.fullyPromoted && !status.aborted;
    let effect: string;
    let change: Impact["change"];
    const rollback = templateChanges && stableTemplate !== undefined && !status.fullyPromoted && sameTemplate(desired.spec!.template, stableTemplate);
    if (rollback) {
        change = "rollback";
        effect = status.aborted
            ? "this pod template is the stable version's: it finishes the rollback, and the Rollout is Healthy again without a canary"
            : "rollback to the stable version: this pod template is the stable one, so Argo switches all traffic back to the stable pods at once, with no canary";
    } else if (templateChanges) {
        change = "template";
        effect = inProgress
            ? "this pod template change replaces the canary in progress and restarts from stage 1"
            : "this pod template change starts a new canary from stage 1";
    } else if (stepsChange) {
        change = "steps";
        effect = inProgress
            ? `steps-only change: the canary in progress keeps its version, and Argo restarts it at stage 1 of the new ${desiredLayout.stageStart.length}`
            : "steps-only change: nothing restarts; the next release follows the new steps";
    } else {
        change = "none";
        effect = "no change to the pod template or the steps: the release is left as it is";
    }
    return { status, standing, effect, change };
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

/** The container images of a pod template. */
export function imagesOf(template: unknown): string[] {
    const containers = (template as { spec?: { containers?: { image?: unknown }[] } } | undefined)?.spec?.containers ?? [];
    return containers.map((c) => c.image).filter((i): i is string => typeof i === "string");
}

/**
 * Whether `desired` is the template a ReplicaSet runs: the ReplicaSet's copy carries the pod
 * hash label and the API server's defaults (imagePullPolicy, terminationMessagePath, ...), so
 * every field the program sets must match, lists element by element, and the rest may differ.
 */
export function sameTemplate(desired: unknown, replicaSetTemplate: unknown): boolean {
    return covers(normalize(replicaSetTemplate), normalize(desired));
}

function covers(actual: unknown, wanted: unknown): boolean {
    if (Array.isArray(wanted)) {
        return Array.isArray(actual) && actual.length === wanted.length && wanted.every((w, i) => covers(actual[i], w));
    }
    if (isRecord(wanted)) {
        return isRecord(actual) && Object.keys(wanted).every((k) => covers(actual[k], wanted[k]));
    }
    return actual === wanted;
}

function sameJson(a: unknown, b: unknown): boolean {
    return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}
