// The stages of a live Rollout in the words of the plan ("25% until promoted", "50% for 5s",
// "100%"), read back from its steps through the layout the component recorded on it, so the CLI
// counts stages exactly as the preview and `pulumi up` do. Pure.
import { humanDuration, pauseSeconds } from "../core/duration";
import type { StepLayout } from "../core/status";

interface ArgoStep {
    setWeight?: number;
    setCanaryScale?: { replicas?: number; weight?: number; matchTrafficWeight?: boolean };
    pause?: { duration?: string | number };
    analysis?: unknown;
}

/** One entry per stage, then "100%" for the final promotion (unless the last stage is at 100%). */
export function stageLabels(steps: unknown[], layout: StepLayout): string[] {
    let weight: number | undefined;
    const labels = layout.stageStart.map((start, i) => {
        const end = layout.stageStart[i + 1] ?? layout.argoStepCount;
        const own = steps.slice(start, end) as ArgoStep[];
        const set = own.find((s) => s.setWeight !== undefined)?.setWeight;
        if (set !== undefined) weight = set;
        const scale = own.find((s) => s.setCanaryScale)?.setCanaryScale;
        const pause = own.find((s) => s.pause)?.pause;
        const seconds = pause?.duration === undefined ? undefined : pauseSeconds(String(pause.duration));
        return [
            weight === undefined ? "canary" : `${weight}%`,
            scale?.replicas !== undefined ? ` (canary at ${scale.replicas} pod${scale.replicas === 1 ? "" : "s"})`
                : scale?.weight !== undefined ? ` (canary at ${scale.weight}% of pods)` : "",
            pause ? (seconds === undefined ? " until promoted" : ` for ${humanDuration(seconds)}`) : "",
            own.some((s) => s.analysis) ? ", analysis" : "",
        ].join("");
    });
    return weight === 100 ? labels : [...labels, labels.length ? "100%" : "100% at once"];
}

/** The weight the steps set up to Argo step `stepIndex` (a replica-count canary reports none in its status). */
export function stepWeightAt(steps: unknown[], stepIndex: number | undefined): number | undefined {
    if (stepIndex === undefined) return undefined;
    let weight: number | undefined;
    for (const step of steps.slice(0, stepIndex + 1) as ArgoStep[]) if (step.setWeight !== undefined) weight = step.setWeight;
    return weight;
}
