// Istio: the Rollout drives the weights of a VirtualService route between the stable and canary
// Services (host split) or between DestinationRule subsets of one Service (subset split).
//
// The controller rewrites the route weights and inserts its managed routes at the top of
// `spec.http`; the DestinationRule subsets get pod-hash labels. Both lists are atomic under
// server-side apply, so the component writes them when it creates the object and ignores them
// afterwards: it never reverts the controller, and a later change to routes, retries or timeout
// needs the VirtualService replaced (`pulumi up --replace <urn>`) between releases.
import { BuildEnv, Child, compact, metadata, pruned } from "../../core/manifest";
import type { DestinationRule, VirtualService } from "../../generated/crds";
import type { Resolved } from "../../resolve/model";
import { headerRouteSteps, managedRoutes, oneMatchRoute } from "../matches";
import type { ResolvedIstio } from "./model";
import type { ArgoStep, RouterCanaryFields } from "../../core/argo-types";

/** Roles of the Istio router's children (the Pulumi name suffix: renaming one replaces the object). */
export const ISTIO_ROLE = {
    virtualService: "virtual-service",
    destinationRule: "destination-rule",
    stableDestinationRule: "stable-destination-rule",
    canaryDestinationRule: "canary-destination-rule",
} as const;
type IstioRole = (typeof ISTIO_ROLE)[keyof typeof ISTIO_ROLE];

export const URI_ROUTE = "canary-uri";

/** Fields of the Rollout's `spec.strategy.canary`. */
export function istioCanaryFields(r: Resolved, t: ResolvedIstio): RouterCanaryFields {
    const vs = t.virtualService;
    const dr = t.destinationRule;
    return compact({
        stableService: t.split === "host" ? r.services.stable : undefined,
        canaryService: t.split === "host" ? r.services.canary : undefined,
        trafficRouting: compact({
            istio: compact({
                virtualService: compact({ name: vs.name, routes: vs.routes.length ? vs.routes : undefined }),
                destinationRule: dr && { name: dr.name, canarySubsetName: dr.canarySubset, stableSubsetName: dr.stableSubset },
            }),
            managedRoutes: managedRoutes(oneMatchRoute(t.headerMatches)),
        }),
    });
}

/** The managed header route, set at the start of the first stage: one route, whose entries Istio ORs. */
export function istioFirstStageSteps(t: ResolvedIstio): ArgoStep[] {
    return headerRouteSteps(oneMatchRoute(t.headerMatches));
}

/** The VirtualService and DestinationRules the component creates. */
export function istioChildren(r: Resolved, t: ResolvedIstio, env: BuildEnv): Child[] {
    const children: Child[] = [];
    if (t.virtualService.create) children.push(virtualService(r, t, env));
    if (t.destinationRule?.create) {
        const dr = t.destinationRule;
        children.push(destinationRule(r, env, ISTIO_ROLE.destinationRule, dr.name, dr.host, t.mutualTls, [dr.stableSubset, dr.canarySubset]));
    }
    if (t.split === "host" && t.mutualTls) {
        children.push(destinationRule(r, env, ISTIO_ROLE.stableDestinationRule, r.services.stable!, r.services.stable!, true));
        children.push(destinationRule(r, env, ISTIO_ROLE.canaryDestinationRule, r.services.canary!, r.services.canary!, true));
    }
    return children;
}

function virtualService(r: Resolved, t: ResolvedIstio, env: BuildEnv): Child {
    const vs = t.virtualService;
    const dest = (role: "stable" | "canary") =>
        t.split === "host"
            ? { host: (role === "stable" ? r.services.stable : r.services.canary)! }
            : { host: t.destinationRule!.host, subset: role === "stable" ? t.destinationRule!.stableSubset : t.destinationRule!.canarySubset };
    const uriRoute = t.uriMatches.length
        ? [{ name: URI_ROUTE, match: t.uriMatches.map((m) => ({ uri: { exact: m.exact, prefix: m.prefix, regex: m.regex } })), route: [{ destination: dest("canary") }] }]
        : [];
    // Typed as the VirtualService CRD says: a wrong or misspelt field fails to compile.
    const manifest: VirtualService = {
        apiVersion: "networking.istio.io/v1",
        kind: "VirtualService",
        metadata: metadata(r, vs.name, env),
        spec: {
            hosts: vs.hosts,
            gateways: vs.gateways.length ? vs.gateways : undefined,
            http: [...uriRoute, {
                name: vs.routes[0],
                route: [
                    { destination: dest("stable"), weight: 100 },
                    { destination: dest("canary"), weight: 0 },
                ],
                retries: vs.retries && { ...vs.retries },
                timeout: vs.timeout,
            }],
        },
    };
    return { role: ISTIO_ROLE.virtualService, kind: "VirtualService", manifest: pruned(manifest), ignoreChanges: ["spec.http"] };
}

function destinationRule(r: Resolved, env: BuildEnv, role: IstioRole, name: string, host: string, mutualTls: boolean, subsets?: string[]): Child {
    // Typed as the DestinationRule CRD says.
    const manifest: DestinationRule = {
        apiVersion: "networking.istio.io/v1",
        kind: "DestinationRule",
        metadata: metadata(r, name, env),
        spec: {
            host,
            trafficPolicy: mutualTls ? { tls: { mode: "ISTIO_MUTUAL" } } : undefined,
            // The controller adds the pod hash label to each subset; it starts empty.
            subsets: subsets?.map((subset) => ({ name: subset, labels: {} })),
        },
    };
    return { role, kind: "DestinationRule", manifest: pruned(manifest), ...(subsets && { ignoreChanges: ["spec.subsets"] }) };
}
