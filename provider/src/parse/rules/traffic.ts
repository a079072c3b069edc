// Rules about traffic: one router at most, which Service options apply to its layout, and each
// router's own rules (which live with the router).
import { routersSet, serviceLayout, serviceLayoutWords } from "../../routers";
import { plannedServices } from "../../routers/services";
import { isObj, Problem, quote, RuleContext } from "./problem";

export function trafficRules(ctx: RuleContext): Problem[] {
    const { args } = ctx;
    const problems: Problem[] = [];
    const set = routersSet(args);
    for (const extra of set.slice(1)) {
        problems.push({ path: extra.key, reason: `must not be set together with ${set[0].key}: set at most one traffic router` });
    }
    problems.push(...serviceRules(ctx), ...existingServiceRules(ctx));
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

/** A router's existing stable Service cannot also be the canary Service the release creates. */
function existingServiceRules({ args, release }: RuleContext): Problem[] {
    const { stable, canary } = plannedServices(args, release);
    if (!stable?.existing || !canary || stable.name !== canary.name) return [];
    const from = canary.path === "releaseName" ? "its default name <releaseName>-canary" : canary.path;
    return [{ path: stable.path, reason: `must differ from the canary Service ${quote(canary.name)} (${from}) that the component creates: Argo needs two Services` }];
}
