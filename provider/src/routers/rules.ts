// Rule helpers more than one router uses.
import { stagesOf } from "../core/progression";
import { isObj, list, Problem, quote, RuleContext } from "../parse/rules/problem";

/** Each repeated string of a list, at its index. */
export function duplicates(items: unknown, path: string): Problem[] {
    const seen = new Map<string, number>();
    const problems: Problem[] = [];
    list(items as unknown[]).forEach((item, i) => {
        if (typeof item !== "string") return;
        if (seen.has(item)) problems.push({ path: `${path}[${i}]`, reason: `must be unique; ${quote(item)} is also ${path.split(".").pop()}[${seen.get(item)}]` });
        else seen.set(item, i);
    });
    return problems;
}

/** Requests sent to the canary by a match need canary pods from the first stage on. */
export function firstStageHasCanaryPods(args: RuleContext["args"], path: string): Problem[] {
    const first = stagesOf(args)[0];
    if (first === undefined) return [{ path, reason: "needs at least one stage (the match route is set at the first stage)" }];
    if (!isObj(first) || (typeof first.weight === "number" && first.weight > 0) || first.setCanaryScale !== undefined) return [];
    return [{ path, reason: "sends requests to canary pods, but the first stage runs none: give steps[0] a weight above 0 or a setCanaryScale" }];
}
