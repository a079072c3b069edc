// The ingress-nginx router after defaults: what the builders and the plan read.
import type { PathType } from "../../args";
import type { ResolvedMatch } from "../matches";

export interface ResolvedNginx {
    kind: "nginx";
    stableIngress: {
        name: string;
        create: boolean;
        host?: string;
        path: string;
        pathType: PathType;
        className: string;
        tlsSecretName?: string;
    };
    /** The user's Service the existing Ingress routes to, driven as the stable Service (`nginx.stableService`). */
    stableService?: string;
    canaryIngressName: string;
    annotationPrefix: string;
    additionalIngressAnnotations: Record<string, string>;
    header?: ResolvedMatch;
    cookie?: ResolvedMatch;
}
