// Rules Argo Rollouts' own validation applies to the strategy, caught here at preview instead of
// surfacing as an InvalidSpec condition on the running Rollout.
import { ROUTER_WORDS, routingOf } from "../../routers";
import { isObj, Problem, RuleContext } from "./problem";

const zero = (v: string | undefined) => v !== undefined && /^0+%?$/.test(v);

export function strategyRules({ args }: RuleContext): Problem[] {
    const s = args.strategy;
    if (!s || !isObj(s)) return [];
    const problems: Problem[] = [];
    if (zero(s.maxSurge) && zero(s.maxUnavailable)) {
        problems.push({ path: "strategy.maxUnavailable", reason: "must not be 0 when maxSurge is 0 (the release could never progress)" });
    }
    const { routed } = routingOf(args);
    for (const key of ["scaleDownDelaySeconds", "abortScaleDownDelaySeconds", "dynamicStableScale"] as const) {
        if (s[key] !== undefined && s[key] !== false && !routed) {
            problems.push({ path: `strategy.${key}`, reason: `only works with traffic routing (${ROUTER_WORDS})` });
        }
    }
    if (s.dynamicStableScale === true && s.scaleDownDelaySeconds !== undefined) {
        problems.push({ path: "strategy.dynamicStableScale", reason: "cannot be used with scaleDownDelaySeconds" });
    }
    const deadline = s.progressDeadlineSeconds ?? 600;
    if (typeof s.minReadySeconds === "number" && typeof deadline === "number" && deadline <= s.minReadySeconds) {
        problems.push({ path: "strategy.progressDeadlineSeconds", reason: `must be greater than minReadySeconds (${s.minReadySeconds})` });
    }
    return problems;
}
