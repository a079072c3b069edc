// Rules about the stages: listed or generated (exactly one way), weights, canary scale and
// per-stage analysis.
import { stagesOf } from "../../core/progression";
import { approximatePodSplit, surgeAllowed } from "../../core/replica-weights";
import { ROUTER_WORDS, routingOf } from "../../routers";
import { exactlyOne, isObj, list, Problem, RuleContext } from "./problem";

/** Exactly one of `steps` and `progression`; a progression's weights as Flagger reads them. */
export function progressionRules({ args }: RuleContext): Problem[] {
    const p = args.progression;
    if (args.steps === undefined && p === undefined) return [{ path: "steps", reason: "one of steps or progression is required" }];
    if (args.steps !== undefined && p !== undefined) {
        return [{ path: "progression", reason: "must not be set together with steps: list the stages in steps, or generate them with progression, not both" }];
    }
    if (!isObj(p)) return [];
    const problems = exactlyOne(p, ["stepWeight", "stepWeights"], "progression");
    if (p.maxWeight !== undefined && p.stepWeights !== undefined) {
        problems.push({ path: "progression.maxWeight", reason: "is only for stepWeight: with stepWeights the last weight is the highest" });
    }
    if (typeof p.maxWeight === "number" && typeof p.stepWeight === "number" && p.maxWeight < p.stepWeight) {
        problems.push({ path: "progression.maxWeight", reason: `must be at least stepWeight (${p.stepWeight})` });
    }
    list(p.stepWeights).forEach((w, i, all) => {
        const before = all[i - 1];
        if (i > 0 && typeof w === "number" && typeof before === "number" && w <= before) {
            problems.push({ path: `progression.stepWeights[${i}]`, reason: `must be greater than stepWeights[${i - 1}] (${before}): the weights of a progression only increase` });
        }
    });
    return problems;
}

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
    const where = (i: number) => (Array.isArray(args.steps) ? `steps[${i}].weight` : `progression (stage ${i + 1})`);
    return stagesOf(args).flatMap((step, i) => {
        const weight = step.weight;
        if (weight === undefined || weight === 0 || weight === 100) return [];
        const split = approximatePodSplit(replicas, weight, canSurge);
        if (Math.abs(split.actualPercent - weight) <= POD_SPLIT_TOLERANCE) return [];
        const share = Math.round(split.actualPercent * 10) / 10;
        return [
            `${where(i)}: without a traffic router, ${weight}% of ${replicas} replica${replicas === 1 ? "" : "s"} runs ${split.canary} canary pod${split.canary === 1 ? "" : "s"} beside ${split.stable} stable (${share}% of traffic); raise replicas or use ${ROUTER_WORDS} for an exact split.`,
        ];
    });
}
