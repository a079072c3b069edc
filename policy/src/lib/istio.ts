// Istio facts the pack relies on. Sources: https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/ ,
// https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/ ,
// https://istio.io/latest/docs/reference/config/networking/virtual-service/ (gateways, destinations).

export const INJECTION_LABEL = "istio-injection";
export const REVISION_LABEL = "istio.io/rev";
export const DATAPLANE_MODE_LABEL = "istio.io/dataplane-mode";
export const POD_INJECT_KEY = "sidecar.istio.io/inject";

export interface InjectionVerdict {
    injected: boolean;
    /** Why not, as a sentence fragment about the labels. */
    reason?: string;
}

/**
 * Whether a namespace's labels enable sidecar injection: `istio-injection=enabled`, or a revision
 * label `istio.io/rev=<rev>` unless `istio-injection=disabled` overrides it (istio-injection wins).
 * With `acceptAmbient`, `istio.io/dataplane-mode=ambient` also counts as in the mesh.
 */
export function namespaceInjection(labels: Record<string, string>, acceptAmbient = false): InjectionVerdict {
    const injection = labels[INJECTION_LABEL];
    if (injection === "enabled") return { injected: true };
    if (injection === "disabled") return { injected: false, reason: `has ${INJECTION_LABEL}=disabled` };
    if (labels[REVISION_LABEL]) return { injected: true };
    if (acceptAmbient && labels[DATAPLANE_MODE_LABEL] === "ambient") return { injected: true };
    const alternatives = acceptAmbient
        ? `${INJECTION_LABEL}=enabled, ${REVISION_LABEL}=<revision> or ${DATAPLANE_MODE_LABEL}=ambient`
        : `${INJECTION_LABEL}=enabled nor ${REVISION_LABEL}=<revision>`;
    return { injected: false, reason: acceptAmbient ? `has none of ${alternatives}` : `has neither ${alternatives}` };
}

/** The Service a destination host names: `svc`, `svc.ns`, `svc.ns.svc` or `svc.ns.svc.<cluster domain>`. */
export function hostService(host: string, defaultNamespace: string): { name: string; namespace: string } {
    const parts = host.split(".");
    return { name: parts[0], namespace: parts.length > 1 ? parts[1] : defaultNamespace };
}

export function sameHost(a: string, aNamespace: string, b: string, bNamespace: string): boolean {
    const x = hostService(a, aNamespace);
    const y = hostService(b, bNamespace);
    return x.name === y.name && x.namespace === y.namespace;
}

/** Port-name prefixes Istio reads as a protocol (`<protocol>` or `<protocol>-<suffix>`). */
export const ISTIO_PROTOCOLS = ["http", "http2", "https", "grpc", "grpc-web", "tcp", "tls", "mongo", "mysql", "redis"];

export function portDeclaresProtocol(port: { name?: string; appProtocol?: string }, protocols: readonly string[]): boolean {
    if (port.appProtocol) return true;
    const name = port.name ?? "";
    return protocols.some(p => name === p || name.startsWith(`${p}-`));
}

/**
 * A gateway reference names its namespace: `mesh`, `<namespace>/<name>`, or Istio's older form
 * `<name>.<namespace>` (optionally with `.svc.<domain>`), which Istio still reads that way.
 */
export function gatewayIsQualified(ref: string): boolean {
    if (ref === "mesh") return true;
    const slash = ref.indexOf("/");
    if (slash < 0) return ref.indexOf(".") > 0 && !ref.endsWith(".");
    return slash > 0 && slash < ref.length - 1 && ref.indexOf("/", slash + 1) < 0;
}
