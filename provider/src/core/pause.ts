// The pause rule, which the argument rules and the defaults share: an omitted pause waits until
// promoted except where waiting is pointless, and a wait of "0" or "" also means until promoted.
import type { CanaryStep } from "../args";
import { pauseSeconds } from "./duration";

export type Pause =
    | { kind: "none" }
    | { kind: "untilPromoted" }
    | { kind: "timed"; duration: string; seconds: number };

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
    // The weight carries over from earlier stages: only a last stage at 100% completes the release.
    let weight = 0;
    return steps.flatMap((step, index) => {
        if (step.weight !== undefined) weight = step.weight;
        return resolvePause(step, index === steps.length - 1 && weight === 100).kind === "untilPromoted" ? [index] : [];
    });
}
