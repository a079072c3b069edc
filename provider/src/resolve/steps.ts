// The stages after defaults, including the pause rule inherited from the Workbench form:
// a wait of "0" or "" pauses until someone promotes the release.
import type { CanaryStep } from "../args";
import { pauseSeconds } from "../core/duration";
import type { Pause, ResolvedStep } from "./model";

export function resolveSteps(steps: CanaryStep[]): ResolvedStep[] {
    let weight = 0;
    return steps.map((step, index) => {
        if (step.weight !== undefined) weight = step.weight;
        const last = index === steps.length - 1;
        return {
            index,
            setWeight: step.weight,
            weight,
            pause: resolvePause(step, last && weight === 100),
            analysis: step.analysis === true,
            canaryScale: step.setCanaryScale,
        };
    });
}

/**
 * An omitted pause waits until promoted, except where waiting would be pointless: a stage whose
 * analysis decides when to move on, and a last stage at 100% (the release completes after it).
 */
export function resolvePause(step: CanaryStep, completesRelease: boolean): Pause {
    if (step.pause === undefined) {
        return step.analysis === true || completesRelease ? { kind: "none" } : { kind: "untilPromoted" };
    }
    const text = step.pause.trim();
    const seconds = text === "" ? 0 : pauseSeconds(text) ?? 0;
    if (seconds === 0) return { kind: "untilPromoted" };
    return { kind: "timed", duration: text, seconds };
}

/** 0-based indices of the stages that wait until someone promotes the release. */
export function manualGates(steps: CanaryStep[]): number[] {
    return resolveSteps(steps).filter((s) => s.pause.kind === "untilPromoted").map((s) => s.index);
}
