// The public argument types of the ingress-nginx router (the property `nginx` of CanaryDeliveryArgs).
// They are part of the one API description: args.ts re-exports them, the schema and the SDKs
// are inferred from them, and the analyzer rules args.ts lists apply here too.
import type { RequestMatch } from "../../args";

/** Ingress path matching. */
export const PathType = {
    Prefix: "Prefix",
    Exact: "Exact",
    ImplementationSpecific: "ImplementationSpecific",
} as const;
export type PathType = (typeof PathType)[keyof typeof PathType];

/** Nginx (ingress-nginx) traffic routing. */
export interface NginxTraffic {
    /**
     * Name of an existing Ingress in the release namespace whose backend is the stable Service.
     * Defaults to creating `<releaseName>` from `host`, `path`, `className` and `tlsSecretName`.
     */
    stableIngress?: string;
    /**
     * Name of the user's existing Service in the release namespace that `stableIngress` routes to.
     * Argo then drives that Service as the stable one (adding its pod hash to the selector, so the
     * Service must select the Rollout's pods) and the component creates no stable Service; it
     * still creates the canary Service. Needs `stableIngress`; excludes `service.stableName`.
     * Defaults to creating the stable Service `service.stableName` (`<releaseName>-stable`), which
     * `stableIngress` must then route to.
     */
    stableService?: string;
    /** Host of the created Ingress. Defaults to any host. */
    host?: string;
    /** Path of the created Ingress. Defaults to "/". */
    path?: string;
    /** Path type of the created Ingress. Defaults to "Prefix". */
    pathType?: PathType;
    /** Ingress class of the created Ingress. Defaults to "nginx". */
    className?: string;
    /** TLS Secret of the created Ingress (needs `host`). Defaults to no TLS. */
    tlsSecretName?: string;
    /** Annotation prefix of the ingress controller. Defaults to "nginx.ingress.kubernetes.io". */
    annotationPrefix?: string;
    /** Extra annotations on the canary Ingress the controller creates. Defaults to none. */
    additionalIngressAnnotations?: { [key: string]: string };
    /**
     * Requests matching these go to the canary for the whole release (canary-by-header,
     * canary-by-cookie): at most one header and one cookie match, and a request that satisfies either
     * goes to the canary (ingress-nginx checks the header, then the cookie, then the weight).
     * Defaults to none.
     */
    matches?: RequestMatch[];
}
