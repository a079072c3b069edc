// The stages of a release, listed (`steps`) or generated from a progression (Flagger's
// stepWeight/maxWeight/stepWeights/interval). One function, so the argument rules, the defaults
// and the report all read the same stages whichever way they were written.
import type { CanaryDeliveryArgs, CanaryStep, Progression } from "../args";

/** Flagger's default maxWeight: without one, its scheduler steps on up to 100%. */
export const DEFAULT_MAX_WEIGHT = 100;

const isWeight = (w: unknown): w is number => typeof w === "number" && Number.isInteger(w) && w >= 1 && w <= 100;

/**
 * The weights a progression walks through, as Flagger's scheduler does: stepWeight, 2 x stepWeight,
 * ... up to maxWeight, the last one capped at maxWeight (Flagger itself overshoots a maxWeight that is
 * not a multiple of stepWeight: 20, 40, 60 for 50; capping keeps the promise of the name), or the
 * listed stepWeights. Unusable values give no weights: the argument rules report them, and nothing
 * here may loop on a weight of 0.
 */
export function progressionWeights(p: Progression): number[] {
    if (Array.isArray(p.stepWeights)) return p.stepWeights.filter(isWeight);
    if (!isWeight(p.stepWeight)) return [];
    const max = isWeight(p.maxWeight) ? p.maxWeight : DEFAULT_MAX_WEIGHT;
    const weights: number[] = [];
    for (let w = p.stepWeight; w < max; w += p.stepWeight) weights.push(w);
    weights.push(max);
    return weights;
}

/**
 * A progression as listed stages: each weight held for one interval, as Flagger holds each weight
 * for one analysis interval, then promotion (after the last stage, as after listed steps).
 */
export function expandProgression(p: Progression): CanaryStep[] {
    return progressionWeights(p).map((weight) => ({ weight, pause: p.interval }));
}

/** The stages of the release: `steps` when listed, else the progression's, else none. */
export function stagesOf(args: CanaryDeliveryArgs): CanaryStep[] {
    if (Array.isArray(args.steps)) return args.steps;
    const p = args.progression;
    return typeof p === "object" && p !== null && !Array.isArray(p) ? expandProgression(p) : [];
}
