// Defaults of the ingress-nginx router: the stable Ingress (created or existing), the canary
// Ingress the controller clones from it, and the header or cookie match.
import type { NginxTraffic } from "../../args";
import { canaryIngressName } from "../../names";
import { resolveMatch } from "../matches";
import type { ResolvedNginx } from "./model";

export function resolveNginx(n: NginxTraffic, release: string): ResolvedNginx {
    const name = n.stableIngress ?? release;
    const matches = (n.matches ?? []).map(resolveMatch);
    return {
        kind: "nginx",
        stableIngress: {
            name,
            create: n.stableIngress === undefined,
            host: n.host,
            path: n.path ?? "/",
            pathType: n.pathType ?? "Prefix",
            className: n.className ?? "nginx",
            tlsSecretName: n.tlsSecretName,
        },
        ...(n.stableService !== undefined && { stableService: n.stableService }),
        canaryIngressName: canaryIngressName(release, name),
        annotationPrefix: n.annotationPrefix ?? "nginx.ingress.kubernetes.io",
        additionalIngressAnnotations: n.additionalIngressAnnotations ?? {},
        header: matches.find((m) => m.on === "header"),
        cookie: matches.find((m) => m.on === "cookie"),
    };
}
