// Every cross-field rule, run together so one parse reports every problem at once.
import { analysisRules } from "./analysis";
import { deliveryRules } from "./delivery";
import { nameRules } from "./names";
import { Problem, Rule, RuleContext } from "./problem";
import { progressionRules, stepRules } from "./steps";
import { strategyRules } from "./strategy";
import { trafficRules } from "./traffic";
import { workloadRules } from "./workload";

const RULES: Rule[] = [nameRules, workloadRules, progressionRules, stepRules, trafficRules, analysisRules, strategyRules, deliveryRules];

/**
 * Runs every rule. A rule that trips over a value of the wrong type is skipped when the shape check
 * already failed (that failure explains it); otherwise it is a bug and is rethrown.
 */
export function crossFieldProblems(ctx: RuleContext, shapeFailed: boolean): Problem[] {
    const problems: Problem[] = [];
    for (const rule of RULES) {
        try {
            problems.push(...rule(ctx));
        } catch (err) {
            if (!shapeFailed) throw err;
        }
    }
    return problems;
}

import { analysisWarnings } from "./analysis";
import { nameWarnings } from "./names";
import { stepWarnings } from "./steps";
import { routingOf } from "../../routers";
import { isObj } from "./problem";

/** Advisory messages: the release works, with a caveat worth knowing. */
export function warnings(ctx: RuleContext): string[] {
    const { routing, block } = routingOf(ctx.args);
    const routerWarnings = isObj(block) ? routing.warnings?.(block, ctx) ?? [] : [];
    return [...nameWarnings(ctx), ...stepWarnings(ctx), ...analysisWarnings(ctx), ...routerWarnings];
}
export type { Problem, RuleContext } from "./problem";
