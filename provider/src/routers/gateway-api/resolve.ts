// Defaults of the Gateway API router: the HTTPRoute (created or existing) and header matches.
import { resolveMatch } from "../matches";
import type { GatewayApiTraffic } from "./args";
import type { ResolvedGatewayApi } from "./model";

export function resolveGatewayApi(g: GatewayApiTraffic, release: string): ResolvedGatewayApi {
    return {
        kind: "gatewayApi",
        httpRoute: {
            name: g.httpRouteName ?? release,
            create: g.httpRouteName === undefined,
            parentRefs: g.parentRefs ?? [],
            hostnames: g.hostnames ?? [],
            pathPrefix: g.pathPrefix ?? "/",
        },
        headerMatches: (g.matches ?? []).map(resolveMatch),
    };
}
