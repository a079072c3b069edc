// Defaults of the Istio router: names of the VirtualService and DestinationRule, whether the
// component creates them, and how request matches split into a managed route and path routes.
import type { IstioTraffic } from "../../args";
import type { ResolvedServices } from "../../resolve/model";
import { resolveMatch } from "../matches";
import type { ResolvedIstio } from "./model";

export const PRIMARY_ROUTE = "primary";

export function resolveIstio(i: IstioTraffic, release: string, services: ResolvedServices): ResolvedIstio {
    const split = i.split ?? "host";
    const create = i.virtualServiceName === undefined;
    const host = split === "host" ? services.stable! : services.single!;
    const matches = (i.matches ?? []).map(resolveMatch);
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
