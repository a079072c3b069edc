// Gateway API: Argo Rollouts' Gateway API plugin (argoproj-labs/gatewayAPI) moves the weights of
// the HTTPRoute's two backendRefs, the stable and the canary Service, and adds its managed header
// routes as rules of that route (one per header match). The rules list is the plugin's after
// creation: the component writes it once and ignores it afterwards, so it never reverts the plugin.
import { BuildEnv, Child, compact, metadata, pruned } from "../../core/manifest";
import type { HTTPRoute } from "../../generated/crds";
import type { Resolved } from "../../resolve/model";
import { headerRouteSteps, managedRoutes, matchRoutePerMatch } from "../matches";
import type { ResolvedGatewayApi } from "./model";
import type { ArgoStep, RouterCanaryFields } from "../../core/argo-types";

/** The plugin's name in the controller's argo-rollouts-config ConfigMap and in the Rollout. */
export const GATEWAY_API_PLUGIN = "argoproj-labs/gatewayAPI";

/** Roles of the Gateway API router's children (the Pulumi name suffix). */
export const GATEWAY_API_ROLE = { httpRoute: "http-route" } as const;

/** Fields of the Rollout's `spec.strategy.canary`. */
export function gatewayApiCanaryFields(r: Resolved, t: ResolvedGatewayApi): RouterCanaryFields {
    const headers = t.headerMatches.length > 0;
    return {
        stableService: r.services.stable,
        canaryService: r.services.canary,
        trafficRouting: compact({
            // The plugin looks the route up in the Rollout's namespace, where the component puts it.
            plugins: { [GATEWAY_API_PLUGIN]: headers ? { httpRoutes: [{ name: t.httpRoute.name, useHeaderRoutes: true }] } : { httpRoute: t.httpRoute.name } },
            managedRoutes: managedRoutes(matchRoutePerMatch(t.headerMatches)),
        }),
    };
}

/**
 * The managed header routes, set at the start of the first stage: one per match, because the plugin
 * ANDs the items of one route (they become the headers of one HTTPRouteMatch) and a request that
 * satisfies any one match must reach the canary.
 */
export function gatewayApiFirstStageSteps(t: ResolvedGatewayApi): ArgoStep[] {
    return headerRouteSteps(matchRoutePerMatch(t.headerMatches));
}

/** The HTTPRoute, when the component creates it. */
export function gatewayApiChildren(r: Resolved, t: ResolvedGatewayApi, env: BuildEnv): Child[] {
    const route = t.httpRoute;
    if (!route.create) return [];
    const backend = (name: string | undefined, weight: number) => ({ group: "", kind: "Service", name: name!, port: r.services.port, weight });
    // Typed as the HTTPRoute CRD says: a wrong or misspelt field fails to compile.
    const manifest: HTTPRoute = {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: metadata(r, route.name, env),
        spec: {
            parentRefs: route.parentRefs.map((p) => ({ group: "gateway.networking.k8s.io", kind: "Gateway", name: p.name, namespace: p.namespace, sectionName: p.sectionName })),
            hostnames: route.hostnames.length ? route.hostnames : undefined,
            rules: [{
                matches: [{ path: { type: "PathPrefix" as const, value: route.pathPrefix } }],
                backendRefs: [backend(r.services.stable, 100), backend(r.services.canary, 0)],
            }],
        },
    };
    return [{ role: GATEWAY_API_ROLE.httpRoute, kind: "HTTPRoute", manifest: pruned(manifest), ignoreChanges: ["spec.rules"] }];
}
