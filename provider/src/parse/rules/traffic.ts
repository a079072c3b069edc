// Rules about traffic: one router at most, what each router's options apply to, request matches.
import type { RequestMatch } from "../../args";
import { routerKind } from "../../resolve/services";
import { ingressPathSequences } from "../formats";
import { pcreProblem, re2Problem } from "../regex";
import { isObj, list, Problem, quote, RuleContext } from "./problem";

export function trafficRules(ctx: RuleContext): Problem[] {
    const { args } = ctx;
    const problems: Problem[] = [];
    if (args.istio !== undefined && args.nginx !== undefined) {
        problems.push({ path: "nginx", reason: "must not be set together with istio: set at most one traffic router" });
    }
    problems.push(...serviceRules(ctx));
    if (isObj(args.istio)) problems.push(...istioRules(ctx));
    if (isObj(args.nginx)) problems.push(...nginxRules(ctx));
    return problems;
}

function serviceRules({ args }: RuleContext): Problem[] {
    const svc = args.service;
    if (!isObj(svc)) return [];
    const problems: Problem[] = [];
    const kind = routerKind(args);
    const twoServices = kind === "nginx" || (kind === "istio" && args.istio?.split !== "subset");
    const onlyWith = (key: string, where: string) => problems.push({ path: `service.${key}`, reason: `only applies ${where}` });
    if (!twoServices && svc.stableName !== undefined) onlyWith("stableName", "with nginx or an istio host split (stable and canary Services)");
    if (!twoServices && svc.canaryName !== undefined) onlyWith("canaryName", "with nginx or an istio host split (stable and canary Services)");
    if (twoServices && svc.name !== undefined) onlyWith("name", "with an istio subset split or no traffic router (one Service)");
    const stable = svc.stableName ?? "";
    if (twoServices && stable !== "" && stable === svc.canaryName) {
        problems.push({ path: "service.canaryName", reason: "must differ from service.stableName (Argo needs two Services)" });
    }
    return problems;
}

function istioRules({ args }: RuleContext): Problem[] {
    const istio = args.istio!;
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

function nginxRules({ args }: RuleContext): Problem[] {
    const nginx = args.nginx!;
    const problems: Problem[] = [];
    if (nginx.stableIngress !== undefined) {
        for (const key of ["host", "path", "pathType", "className", "tlsSecretName"] as const) {
            if (nginx[key] !== undefined) {
                problems.push({ path: `nginx.${key}`, reason: "only applies to an Ingress the component creates; set it in the existing Ingress, or drop stableIngress" });
            }
        }
    } else if (nginx.tlsSecretName !== undefined && nginx.host === undefined) {
        problems.push({ path: "nginx.tlsSecretName", reason: "needs nginx.host (TLS certificates are per host)" });
    }
    if (typeof nginx.path === "string" && nginx.pathType !== "ImplementationSpecific") {
        const reason = ingressPathSequences(nginx.path);
        if (reason) problems.push({ path: "nginx.path", reason });
    }
    const seen: Record<string, number> = {};
    list(nginx.matches).forEach((m, i) => {
        if (!isObj(m)) return;
        const path = `nginx.matches[${i}]`;
        if (m.on === "uri") {
            problems.push({ path: `${path}.on`, reason: "ingress-nginx canary annotations match headers and cookies only, not the path" });
            return;
        }
        if (seen[m.on] !== undefined) {
            problems.push({ path, reason: `must be the only ${m.on} match (ingress-nginx supports one canary-by-${m.on}); also matches[${seen[m.on]}]` });
        }
        seen[m.on] = i;
        if (m.on === "cookie") {
            if (m.name === undefined) problems.push({ path: `${path}.name`, reason: "must name the cookie" });
            if (m.prefix !== undefined || m.regex !== undefined || (m.exact !== undefined && m.exact !== "always")) {
                problems.push({ path, reason: 'a cookie match routes requests whose cookie is "always" (ingress-nginx canary-by-cookie); drop exact, prefix and regex' });
            }
            return;
        }
        problems.push(...matchValueRules(m, path, "pcre"));
    });
    return problems;
}

/** A header or cookie needs a name; a value matcher is exactly one of exact, prefix, regex (a cookie defaults to exact "always"). */
function matchValueRules(m: RequestMatch, path: string, engine: "re2" | "pcre"): Problem[] {
    const problems: Problem[] = [];
    // An unknown kind of match is the schema's to report; what it would need is unknown.
    if (!(["header", "cookie", "uri"] as unknown[]).includes(m.on)) return problems;
    if (m.on !== "uri" && m.name === undefined) problems.push({ path: `${path}.name`, reason: `must name the ${m.on}` });
    if (m.on === "uri" && m.name !== undefined) problems.push({ path: `${path}.name`, reason: "does not apply to a uri match" });
    const set = (["exact", "prefix", "regex"] as const).filter((k) => m[k] !== undefined);
    if (set.length > 1) problems.push({ path, reason: `must set exactly one of exact, prefix, regex; got ${set.join(" and ")}` });
    if (set.length === 0 && m.on !== "cookie") problems.push({ path, reason: "must set exactly one of exact, prefix, regex" });
    if (typeof m.regex === "string") {
        const reason = engine === "re2" ? re2Problem(m.regex) : pcreProblem(m.regex);
        if (reason) problems.push({ path: `${path}.regex`, reason });
    }
    return problems;
}

/** Each repeated string of a list, at its index. */
function duplicates(items: unknown, path: string): Problem[] {
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
function firstStageHasCanaryPods(args: RuleContext["args"], path: string): Problem[] {
    const first = list(args.steps)[0];
    if (first === undefined) return [{ path, reason: "needs at least one stage (the match route is set at the first stage)" }];
    if (!isObj(first) || (typeof first.weight === "number" && first.weight > 0) || first.setCanaryScale !== undefined) return [];
    return [{ path, reason: "sends requests to canary pods, but the first stage runs none: give steps[0] a weight above 0 or a setCanaryScale" }];
}
