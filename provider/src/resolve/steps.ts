// The stages after defaults, including the pause rule inherited from the Workbench form:
// a wait of "0" or "" pauses until someone promotes the release. A progression is expanded into
// the stages it stands for first (core/progression.ts, which the argument rules read too), so
// from here on listed and generated stages are one thing.
import type { CanaryDeliveryArgs, CanaryStep } from "../args";
import { resolvePause } from "../core/pause";
import { stagesOf } from "../core/progression";
import type { ResolvedStep } from "./model";

export function resolveStages(args: CanaryDeliveryArgs): ResolvedStep[] {
    return resolveSteps(stagesOf(args));
}

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
