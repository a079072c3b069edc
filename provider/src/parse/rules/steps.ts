// Rules about the stages: weights, canary scale and per-stage analysis.
import { approximatePodSplit, surgeAllowed } from "../../core/replica-weights";
import { ROUTER_WORDS, routingOf } from "../../routers";
import { isObj, list, Problem, RuleContext } from "./problem";

export function stepRules({ args }: RuleContext): Problem[] {
    const problems: Problem[] = [];
    const { routed } = routingOf(args);
    let highest: { weight: number; index: number } | undefined;
    list(args.steps).forEach((step, i) => {
        if (!isObj(step)) return;
        const path = `steps[${i}]`;
        if (typeof step.weight === "number" && Number.isFinite(step.weight)) {
            if (highest && step.weight < highest.weight && args.allowDecreasingWeights !== true) {
                problems.push({
                    path: `${path}.weight`,
                    reason: `must not be lower than an earlier stage's weight (${highest.weight} at steps[${highest.index}]); set allowDecreasingWeights to allow it`,
                });
            }
            if (!highest || step.weight > highest.weight) highest = { weight: step.weight, index: i };
        }
        if (step.analysis === true && args.analysis === undefined) {
            problems.push({ path: `${path}.analysis`, reason: "needs the analysis block (which metrics to run and where Prometheus is)" });
        }
        const scale = step.setCanaryScale;
        if (isObj(scale)) {
            if (!routed) {
                problems.push({ path: `${path}.setCanaryScale`, reason: `requires traffic routing (${ROUTER_WORDS}): without it the canary's scale is its weight` });
            }
            const set = (["replicas", "weight", "matchTrafficWeight"] as const).filter((k) => scale[k] !== undefined);
            if (set.length !== 1) {
                problems.push({ path: `${path}.setCanaryScale`, reason: `must set exactly one of replicas, weight, matchTrafficWeight${set.length ? `; got ${set.join(" and ")}` : ""}` });
            }
            if (scale.matchTrafficWeight === false) {
                problems.push({ path: `${path}.setCanaryScale.matchTrafficWeight`, reason: "must be true when set (omit setCanaryScale to keep the current scale)" });
            }
        }
    });
    return problems;
}

/** Gap, in percentage points, between a weight and its pod approximation worth a warning. */
const POD_SPLIT_TOLERANCE = 5;

/** Without a router a weight is a share of pods: warn when the pods cannot come close to it. */
export function stepWarnings({ args }: RuleContext): string[] {
    if (routingOf(args).routed || args.autoscaling !== undefined) return [];
    const replicas = args.replicas ?? 1;
    const canSurge = surgeAllowed(args.strategy?.maxSurge, replicas);
    return list(args.steps).flatMap((step, i) => {
        const weight = step.weight;
        if (weight === undefined || weight === 0 || weight === 100) return [];
        const split = approximatePodSplit(replicas, weight, canSurge);
        if (Math.abs(split.actualPercent - weight) <= POD_SPLIT_TOLERANCE) return [];
        const share = Math.round(split.actualPercent * 10) / 10;
        return [
            `steps[${i}].weight: without a traffic router, ${weight}% of ${replicas} replica${replicas === 1 ? "" : "s"} runs ${split.canary} canary pod${split.canary === 1 ? "" : "s"} beside ${split.stable} stable (${share}% of traffic); raise replicas or use ${ROUTER_WORDS} for an exact split.`,
        ];
    });
}
