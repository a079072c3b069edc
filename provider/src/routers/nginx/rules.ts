// Rules of the `nginx` argument: options of a created Ingress, and the one header and one
// cookie match ingress-nginx's canary annotations can carry (regexes checked as PCRE).
import type { NginxTraffic } from "../../args";
import { ingressPathSequences } from "../../parse/formats";
import { isObj, list, Problem } from "../../parse/rules/problem";
import { matchValueRules } from "../matches";

export function nginxRules(nginx: NginxTraffic): Problem[] {
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
