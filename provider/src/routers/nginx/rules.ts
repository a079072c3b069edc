// Rules of the `nginx` argument: options of a created Ingress, and the one header and one
// cookie match ingress-nginx's canary annotations can carry (regexes checked as PCRE).
import type { NginxTraffic } from "../../args";
import { ingressPathSequences } from "../../parse/formats";
import { isObj, list, Problem, quote, RuleContext } from "../../parse/rules/problem";
import { matchValueRules } from "../matches";

export function nginxRules(nginx: NginxTraffic, { args }: RuleContext): Problem[] {
    const problems: Problem[] = [];
    if (nginx.stableService !== undefined) {
        if (nginx.stableIngress === undefined) {
            problems.push({ path: "nginx.stableService", reason: "needs nginx.stableIngress: an Ingress the component creates routes to the stable Service it creates; name the existing Ingress that routes to this Service, or drop stableService" });
        }
        if (isObj(args.service) && args.service.stableName !== undefined) {
            problems.push({ path: "nginx.stableService", reason: "must not be set together with service.stableName: use nginx.stableService to drive your existing Service, or service.stableName to name the Service the component creates" });
        }
    }
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

/**
 * An existing Ingress with the stable Service the component creates: Argo rejects the Rollout at run
 * time (InvalidSpec) unless that Ingress routes to it, which the arguments cannot show (the live check
 * does, when it can read the Ingress).
 */
export function nginxWarnings(nginx: NginxTraffic, { args, release }: RuleContext): string[] {
    if (typeof nginx.stableIngress !== "string" || nginx.stableService !== undefined) return [];
    if (isObj(args.service) && args.service.stableName !== undefined) return [];
    return [
        `nginx.stableIngress: the component creates the stable Service ${quote(`${release}-stable`)}, which must be the backend of a rule of Ingress ${quote(nginx.stableIngress)} ` +
            "(else Argo rejects the Rollout: InvalidSpec, no rules using the stable Service); if that Ingress routes to a Service of yours, name it with nginx.stableService.",
    ];
}
