// The public argument types of the Istio router (the property `istio` of CanaryDeliveryArgs).
// They are part of the one API description: args.ts re-exports them, the schema and the SDKs
// are inferred from them, and the analyzer rules args.ts lists apply here too.
import type { RequestMatch } from "../../args";

/** How Istio splits traffic between the stable and the canary pods. */
export const IstioSplit = {
    /** Two Services (stable, canary); the VirtualService route weighs the two hosts. */
    Host: "host",
    /** One Service; a DestinationRule has stable and canary subsets the route weighs. */
    Subset: "subset",
} as const;
export type IstioSplit = (typeof IstioSplit)[keyof typeof IstioSplit];

/** Istio traffic routing. */
export interface IstioTraffic {
    /** Host-level or subset-level split. Defaults to "host". */
    split?: IstioSplit;
    /**
     * Name of an existing VirtualService to drive instead of creating one. Its routed http route(s) must
     * have exactly the stable and canary destinations. Defaults to creating `<releaseName>`.
     */
    virtualServiceName?: string;
    /**
     * Names of the http routes whose weights the controller sets. Required for an existing VirtualService
     * with more than one http route. Defaults to the route the component creates ("primary").
     */
    routes?: string[];
    /**
     * Hosts of the created VirtualService (e.g. "shop.example.com"). Defaults to the stable Service
     * (host split) or the Service (subset split), i.e. in-mesh traffic.
     */
    hosts?: string[];
    /**
     * Gateways of the created VirtualService, as `<namespace>/<name>`; add "mesh" to split in-mesh
     * traffic too. Defaults to none (the mesh only).
     */
    gateways?: string[];
    /** Retry policy of the created route (written when the VirtualService is created). Defaults to Istio's default. */
    retries?: IstioRetries;
    /** Timeout of the created route, e.g. "10s" (written when the VirtualService is created). Defaults to none. */
    timeout?: string;
    /**
     * Require Istio mutual TLS to the release: DestinationRules with `tls.mode: ISTIO_MUTUAL` for the
     * stable and canary hosts (host split) or in the subset DestinationRule. Defaults to false.
     */
    mutualTls?: boolean;
    /** Subset split: name of an existing DestinationRule to drive instead of creating one. Defaults to creating `<releaseName>`. */
    destinationRuleName?: string;
    /** Subset split: name of the canary subset. Defaults to "canary". */
    canarySubset?: string;
    /** Subset split: name of the stable subset. Defaults to "stable". */
    stableSubset?: string;
    /**
     * Requests sent to the canary whatever its weight: a request that satisfies any one match goes to
     * the canary. Header and cookie matches are the entries of one Argo managed route (one Istio
     * HTTPMatchRequest each, which Istio ORs; a cookie is matched by a regex on the Cookie header), set
     * at the first stage and removed when the release ends; uri matches are the entries of a route of
     * the created VirtualService (between releases the canary Service selects the stable pods, so it is
     * safe to keep). Defaults to none.
     */
    matches?: RequestMatch[];
}

/** Istio retry policy. */
export interface IstioRetries {
    /** Number of retries. */
    attempts: number;
    /** Timeout per attempt, e.g. "2s". Defaults to the route timeout. */
    perTryTimeout?: string;
    /** Retry conditions, e.g. "gateway-error,connect-failure,refused-stream". Defaults to Istio's default. */
    retryOn?: string;
}
