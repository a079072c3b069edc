// Rules of the `istio` argument: which options apply to which split and to a created or an
// existing VirtualService, and request matches (checked with RE2, Istio's regex engine).
import type { IstioTraffic } from "../../args";
import { isObj, list, Problem, RuleContext } from "../../parse/rules/problem";
import { matchValueRules } from "../matches";
import { duplicates, firstStageHasCanaryPods } from "../rules";

export function istioRules(istio: IstioTraffic, { args }: RuleContext): Problem[] {
    const problems: Problem[] = [];
    const subset = istio.split === "subset";
    if (!subset) {
        for (const key of ["destinationRuleName", "canarySubset", "stableSubset"] as const) {
            if (istio[key] !== undefined) problems.push({ path: `istio.${key}`, reason: 'only applies to a subset split (istio.split: "subset")' });
        }
    } else if ((istio.canarySubset ?? "canary") === (istio.stableSubset ?? "stable")) {
        problems.push({ path: "istio.canarySubset", reason: "must differ from istio.stableSubset" });
    }
    if (subset && istio.destinationRuleName !== undefined && istio.mutualTls === true) {
        problems.push({ path: "istio.mutualTls", reason: "needs a DestinationRule the component creates; set the TLS mode in the existing DestinationRule, or drop destinationRuleName" });
    }
    const existing = istio.virtualServiceName !== undefined;
    if (existing) {
        for (const key of ["hosts", "gateways", "retries", "timeout"] as const) {
            if (istio[key] !== undefined) {
                problems.push({ path: `istio.${key}`, reason: "only applies to a VirtualService the component creates; set it in the existing VirtualService, or drop virtualServiceName" });
            }
        }
    } else if (istio.routes !== undefined) {
        problems.push({ path: "istio.routes", reason: "only applies to an existing VirtualService (istio.virtualServiceName); the created one has a single route" });
    }
    for (const key of ["hosts", "gateways", "routes"] as const) problems.push(...duplicates(istio[key], `istio.${key}`));
    const matches = list(istio.matches);
    matches.forEach((m, i) => {
        if (!isObj(m)) return;
        const path = `istio.matches[${i}]`;
        problems.push(...matchValueRules(m, path, "re2"));
        if (m.on === "uri" && existing) {
            problems.push({ path: `${path}.on`, reason: "uri matches need a VirtualService the component creates (Argo's managed routes match headers only)" });
        }
    });
    if (matches.some((m) => isObj(m) && m.on !== "uri")) problems.push(...firstStageHasCanaryPods(args, "istio.matches"));
    return problems;
}
