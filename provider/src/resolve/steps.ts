// The stages after defaults, including the pause rule inherited from the Workbench form:
// a wait of "0" or "" pauses until someone promotes the release.
import type { CanaryStep } from "../args";
import { resolvePause } from "../core/pause";
import type { ResolvedStep } from "./model";

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
