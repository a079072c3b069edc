// Defaults of the traffic router: names of the VirtualService, DestinationRule and Ingress,
// whether the component creates them, and how request matches are split.
import type { CanaryDeliveryArgs, RequestMatch } from "../args";
import { canaryIngressName } from "../names";
import type { ResolvedMatch, ResolvedServices, ResolvedTraffic } from "./model";

export const PRIMARY_ROUTE = "primary";

export function resolveTraffic(args: CanaryDeliveryArgs, release: string, services: ResolvedServices): ResolvedTraffic {
    if (args.istio) {
        const i = args.istio;
        const split = i.split ?? "host";
        const create = i.virtualServiceName === undefined;
        const host = split === "host" ? services.stable! : services.single!;
        const matches = (i.matches ?? []).map(match);
        return {
            kind: "istio",
            split,
            virtualService: {
                name: i.virtualServiceName ?? release,
                create,
                routes: i.routes ?? (create ? [PRIMARY_ROUTE] : []),
                hosts: i.hosts ?? [host],
                gateways: i.gateways ?? [],
                retries: i.retries,
                timeout: i.timeout,
            },
            destinationRule: split === "subset"
                ? {
                      name: i.destinationRuleName ?? release,
                      create: i.destinationRuleName === undefined,
                      host,
                      canarySubset: i.canarySubset ?? "canary",
                      stableSubset: i.stableSubset ?? "stable",
                  }
                : undefined,
            mutualTls: i.mutualTls === true,
            headerMatches: matches.filter((m) => m.on !== "uri"),
            uriMatches: matches.filter((m) => m.on === "uri"),
        };
    }
    if (args.nginx) {
        const n = args.nginx;
        const name = n.stableIngress ?? release;
        const matches = (n.matches ?? []).map(match);
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
            canaryIngressName: canaryIngressName(release, name),
            annotationPrefix: n.annotationPrefix ?? "nginx.ingress.kubernetes.io",
            additionalIngressAnnotations: n.additionalIngressAnnotations ?? {},
            header: matches.find((m) => m.on === "header"),
            cookie: matches.find((m) => m.on === "cookie"),
        };
    }
    return { kind: "none" };
}

/** A cookie match without a value routes on "always", as ingress-nginx's canary-by-cookie does. */
function match(m: RequestMatch): ResolvedMatch {
    const value = m.on === "cookie" && m.exact === undefined && m.prefix === undefined && m.regex === undefined ? { exact: "always" } : {};
    return { on: m.on, name: m.name, exact: m.exact, prefix: m.prefix, regex: m.regex, ...value };
}
