// Rules of the `gatewayApi` argument: what a created HTTPRoute needs, and header matches (the
// plugin's managed routes match headers only; Gateway API matches a value exactly or by regex).
import type { CanaryDeliveryArgs } from "../../args";
import { isObj, list, Problem, RuleContext } from "../../parse/rules/problem";
import { matchValueRules } from "../matches";
import { duplicates, firstStageHasCanaryPods } from "../rules";
import type { GatewayApiTraffic } from "./args";

export function gatewayApiRules(g: GatewayApiTraffic, { args }: RuleContext): Problem[] {
    const problems: Problem[] = [];
    if (g.httpRouteName !== undefined) {
        for (const key of ["parentRefs", "hostnames", "pathPrefix"] as const) {
            if (g[key] !== undefined) {
                problems.push({ path: `gatewayApi.${key}`, reason: "only applies to an HTTPRoute the component creates; set it in the existing HTTPRoute, or drop httpRouteName" });
            }
        }
    } else if (g.parentRefs === undefined) {
        problems.push({ path: "gatewayApi.parentRefs", reason: "is required to create an HTTPRoute (the Gateway it attaches to); or name an existing one with httpRouteName" });
    }
    problems.push(...parentRefRules(g.parentRefs));
    problems.push(...duplicates(g.hostnames, "gatewayApi.hostnames"));
    const matches = list(g.matches);
    matches.forEach((m, i) => {
        if (!isObj(m)) return;
        const path = `gatewayApi.matches[${i}]`;
        if (m.on === "cookie" || m.on === "uri") {
            problems.push({ path: `${path}.on`, reason: "the Gateway API plugin's managed routes match headers only" });
            return;
        }
        if (m.prefix !== undefined) problems.push({ path: `${path}.prefix`, reason: "Gateway API header matches are exact or regex: use regex for a prefix" });
        problems.push(...matchValueRules(m, path, "re2"));
    });
    if (matches.length) problems.push(...firstStageHasCanaryPods(args, "gatewayApi.matches"));
    problems.push(...presetSourceRule(args));
    return problems;
}

/**
 * The HTTPRoute CRD's rules on parentRefs (its CEL validations): refs to the same Gateway (a
 * namespace written or not counts as different, as the CRD compares them) either all name a
 * listener or none does, and never the same listener twice.
 */
function parentRefRules(refs: GatewayApiTraffic["parentRefs"]): Problem[] {
    const problems: Problem[] = [];
    const byParent = new Map<string, { index: number; section: string }[]>();
    list(refs).forEach((ref, i) => {
        if (!isObj(ref)) return;
        const parent = JSON.stringify([ref.name, ref.namespace ?? ""]);
        const seen = byParent.get(parent) ?? [];
        const section = ref.sectionName ?? "";
        const same = seen.find((s) => s.section === section);
        if (same) {
            problems.push({ path: `gatewayApi.parentRefs[${i}]`, reason: `repeats parentRefs[${same.index}] (the same Gateway${section ? ` and listener "${section}"` : ""}): the API server refuses a route attached twice to one listener` });
        } else if (seen.length && (section === "") !== (seen[0].section === "")) {
            problems.push({ path: `gatewayApi.parentRefs[${i}].sectionName`, reason: `must be set on every ref to Gateway "${ref.name}" or on none (parentRefs[${seen[0].index}] ${seen[0].section ? "sets" : "does not set"} it), as the HTTPRoute CRD requires` });
        }
        byParent.set(parent, [...seen, { index: i, section }]);
    });
    return problems;
}

/** Gateway API defines no metrics: the presets must be told whose metrics to read. */
function presetSourceRule(args: CanaryDeliveryArgs): Problem[] {
    const a = args.analysis;
    if (!isObj(a) || a.presetSource !== undefined || (a.successRate === undefined && a.latency === undefined)) return [];
    return [{ path: "analysis.presetSource", reason: 'must be set for the successRate and latency presets with gatewayApi (Gateway API defines no metrics; "istio" for an Istio gateway in front of a mesh)' }];
}
