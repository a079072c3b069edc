// Rules about traffic: one router at most, which Service options apply to its layout, and each
// router's own rules (which live with the router).
import { routersSet, serviceLayout, serviceLayoutWords } from "../../routers";
import { isObj, Problem, RuleContext } from "./problem";

export function trafficRules(ctx: RuleContext): Problem[] {
    const { args } = ctx;
    const problems: Problem[] = [];
    const set = routersSet(args);
    for (const extra of set.slice(1)) {
        problems.push({ path: extra.key, reason: `must not be set together with ${set[0].key}: set at most one traffic router` });
    }
    problems.push(...serviceRules(ctx));
    for (const router of set) {
        const block = (args as unknown as Record<string, unknown>)[router.key];
        if (isObj(block)) problems.push(...router.rules(block, ctx));
    }
    return problems;
}

function serviceRules({ args }: RuleContext): Problem[] {
    const svc = args.service;
    if (!isObj(svc)) return [];
    const problems: Problem[] = [];
    const twoServices = serviceLayout(args) === "two";
    const onlyWith = (key: string, where: string) => problems.push({ path: `service.${key}`, reason: `only applies ${where}` });
    const two = `with ${serviceLayoutWords("two")} (stable and canary Services)`;
    if (!twoServices && svc.stableName !== undefined) onlyWith("stableName", two);
    if (!twoServices && svc.canaryName !== undefined) onlyWith("canaryName", two);
    if (twoServices && svc.name !== undefined) onlyWith("name", `with ${serviceLayoutWords("one")} (one Service)`);
    const stable = svc.stableName ?? "";
    if (twoServices && stable !== "" && stable === svc.canaryName) {
        problems.push({ path: "service.canaryName", reason: "must differ from service.stableName (Argo needs two Services)" });
    }
    return problems;
}
