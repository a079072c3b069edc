// How the user's stages map to the Rollout's Argo steps, recorded on the Rollout itself so that
// whoever reads it later (the preview, the follow, the CLI) counts stages exactly as the builder
// laid them out: a stage may be one Argo step or several (setCanaryScale, setWeight, pause,
// analysis), and a stage that sets no weight has no setWeight to find.
import type { StepLayout } from "../core/status";

/** Annotation on the Rollout: the Argo index of each stage's first step, then the step count ("0,2,4/6"). */
export const LAYOUT_ANNOTATION = "canary-delivery/stage-layout";

export function encodeLayout(layout: StepLayout): string {
    return `${layout.stageStart.join(",")}/${layout.argoStepCount}`;
}

/** The layout in an annotation value, or undefined when it is not one we wrote. */
export function decodeLayout(value: unknown): StepLayout | undefined {
    if (typeof value !== "string") return undefined;
    const m = /^((?:\d+(?:,\d+)*)?)\/(\d+)$/.exec(value);
    if (!m) return undefined;
    const stageStart = m[1] ? m[1].split(",").map(Number) : [];
    const argoStepCount = Number(m[2]);
    const ordered = stageStart.every((s, i) => s <= argoStepCount && (i === 0 || s >= stageStart[i - 1]));
    return ordered ? { stageStart, argoStepCount } : undefined;
}

/** The parts of a live Rollout the layout is read from. */
export interface LayoutSource {
    metadata?: { annotations?: Record<string, string> };
    spec?: { strategy?: { canary?: { steps?: unknown[] } } };
}

/**
 * The layout of a live Rollout: the recorded one when its step count still matches the steps,
 * else (a Rollout written by hand or by an older version) one stage per `setWeight`.
 */
export function layoutOfRollout(rollout: LayoutSource): StepLayout {
    const steps = rollout.spec?.strategy?.canary?.steps ?? [];
    const recorded = decodeLayout(rollout.metadata?.annotations?.[LAYOUT_ANNOTATION]);
    if (recorded && recorded.argoStepCount === steps.length) return recorded;
    return guessedLayout(steps);
}

function guessedLayout(steps: unknown[]): StepLayout {
    const has = (i: number, key: string) => typeof steps[i] === "object" && steps[i] !== null && key in (steps[i] as object);
    // A stage opens with its canary scale, else with its weight.
    const stageStart = steps.flatMap((_, i) => (has(i, "setCanaryScale") || (has(i, "setWeight") && !has(i - 1, "setCanaryScale")) ? [i] : []));
    if (steps.length > 0 && stageStart[0] !== 0) stageStart.unshift(0);
    return { stageStart, argoStepCount: steps.length };
}
