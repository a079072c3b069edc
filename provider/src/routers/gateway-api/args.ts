// The public argument types of the Gateway API router (the property `gatewayApi` of
// CanaryDeliveryArgs). They are part of the one API description: args.ts re-exports them, the
// schema and the SDKs are inferred from them, and the analyzer rules args.ts lists apply here too.
import type { RequestMatch } from "../../args";

/** Gateway API traffic routing through Argo Rollouts' Gateway API plugin. */
export interface GatewayApiTraffic {
    /**
     * Name of an existing HTTPRoute in the release namespace whose rule sends traffic to the stable and
     * canary Services. Defaults to creating `<releaseName>`, attached to `parentRefs`.
     */
    httpRouteName?: string;
    /**
     * The Gateways the created HTTPRoute attaches to (at least one). Defaults to none, which is only
     * valid with `httpRouteName` (an existing HTTPRoute is attached already).
     */
    parentRefs?: GatewayParentRef[];
    /** Hostnames of the created HTTPRoute. Defaults to every hostname its Gateways accept. */
    hostnames?: string[];
    /** Path prefix the created HTTPRoute matches. Defaults to "/". */
    pathPrefix?: string;
    /**
     * Header matches that send requests to the canary from the first stage on: a request that
     * satisfies any one match goes to the canary. Each match is its own route the plugin manages (a
     * rule of the HTTPRoute; the plugin would AND the headers of one route), removed when the release
     * ends. Values are exact or regex; the Gateway implementation must support header matches.
     * Defaults to none.
     */
    matches?: RequestMatch[];
}

/** A Gateway (or a listener of one) an HTTPRoute attaches to. */
export interface GatewayParentRef {
    /** Name of the Gateway. */
    name: string;
    /** Namespace of the Gateway. Defaults to the release namespace. */
    namespace?: string;
    /** Name of the Gateway's listener. Defaults to every listener that accepts the route. */
    sectionName?: string;
}
