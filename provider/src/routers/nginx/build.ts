// ingress-nginx: the controller clones the stable Ingress into `<rollout>-<ingress>-canary` and
// sets its canary-weight annotation; the component only creates the stable Ingress (if asked)
// and passes request matches as canary-by-header / canary-by-cookie annotations.
import { BuildEnv, Child, compact, metadata, SKIP_AWAIT } from "../../core/manifest";
import type { Resolved } from "../../resolve/model";
import { escapeRegex } from "../matches";
import type { ResolvedNginx } from "./model";
import type { RouterCanaryFields } from "../../core/argo-types";

/** Roles of the Nginx router's children (the Pulumi name suffix). */
export const NGINX_ROLE = { ingress: "ingress" } as const;

/** Fields of the Rollout's `spec.strategy.canary`. */
export function nginxCanaryFields(r: Resolved, t: ResolvedNginx): RouterCanaryFields {
    const annotations = { ...t.additionalIngressAnnotations, ...matchAnnotations(t) };
    return {
        stableService: r.services.stable,
        canaryService: r.services.canary,
        trafficRouting: {
            nginx: compact({
                stableIngress: t.stableIngress.name,
                annotationPrefix: t.annotationPrefix === "nginx.ingress.kubernetes.io" ? undefined : t.annotationPrefix,
                additionalIngressAnnotations: Object.keys(annotations).length ? annotations : undefined,
            }),
        },
    };
}

/** The stable Ingress, when the component creates it. */
export function nginxChildren(r: Resolved, t: ResolvedNginx, env: BuildEnv): Child[] {
    const ing = t.stableIngress;
    if (!ing.create) return [];
    const path = { path: ing.path, pathType: ing.pathType, backend: { service: { name: r.services.stable, port: { number: r.services.port } } } };
    return [{
        role: NGINX_ROLE.ingress,
        kind: "Ingress",
        manifest: {
            apiVersion: "networking.k8s.io/v1",
            kind: "Ingress",
            metadata: metadata(r, ing.name, env, SKIP_AWAIT),
            spec: compact({
                ingressClassName: ing.className,
                rules: [compact({ host: ing.host, http: { paths: [path] } })],
                tls: ing.tlsSecretName ? [{ hosts: [ing.host!], secretName: ing.tlsSecretName }] : undefined,
            }),
        },
    }];
}

/** Annotation names without the prefix: Argo adds `annotationPrefix` to additionalIngressAnnotations. */
function matchAnnotations(t: ResolvedNginx): Record<string, string> {
    const out: Record<string, string> = {};
    if (t.header) {
        out["canary-by-header"] = t.header.name!;
        if (t.header.exact !== undefined) out["canary-by-header-value"] = t.header.exact;
        else out["canary-by-header-pattern"] = t.header.regex ?? `^${escapeRegex(t.header.prefix!)}.*`;
    }
    if (t.cookie) out["canary-by-cookie"] = t.cookie.name!;
    return out;
}
