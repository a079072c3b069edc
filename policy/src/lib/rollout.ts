// Views of an Argo Rollouts v1alpha1 Rollout (field names from pkg/apis/rollouts/v1alpha1/types.go
// and the Rollout CRD), each carrying the field path it came from so messages can name it.
import { Json, array, isRecord, record, str, stringMap } from "./manifest";

const CANARY = "spec.strategy.canary";

export function canaryOf(props: Json): Json | undefined {
    const canary = record(record(props.spec).strategy).canary;
    return isRecord(canary) ? canary : undefined;
}

export interface Step {
    index: number;
    path: string;
    body: Json;
}

export function stepsOf(props: Json): Step[] {
    const canary = canaryOf(props);
    if (!canary) return [];
    return array(canary.steps).map((body, index) => ({ index, path: `${CANARY}.steps[${index}]`, body: record(body) }));
}

export function trafficRoutingOf(props: Json): Json | undefined {
    const tr = canaryOf(props)?.trafficRouting;
    return isRecord(tr) ? tr : undefined;
}

/** A VirtualService the Istio router drives: `name` may be `<name>.<namespace>` (Argo's convention). */
export interface VirtualServiceRef {
    name: string;
    namespace: string;
    /** http route names; empty means "the only http route". */
    routes: string[];
    hasTlsOrTcpRoutes: boolean;
    path: string;
}

export interface DestinationRuleRef {
    name: string;
    namespace: string;
    canarySubsetName: string;
    stableSubsetName: string;
    path: string;
}

export interface IstioRouting {
    virtualServices: VirtualServiceRef[];
    destinationRule?: DestinationRuleRef;
}

/** Splits Argo's `<name>.<namespace>` reference; a bare name lives in the Rollout's namespace. */
export function splitQualifiedName(ref: string, defaultNamespace: string): { name: string; namespace: string } {
    const dot = ref.indexOf(".");
    return dot > 0 ? { name: ref.slice(0, dot), namespace: ref.slice(dot + 1) } : { name: ref, namespace: defaultNamespace };
}

export function istioRoutingOf(props: Json, rolloutNamespace: string): IstioRouting | undefined {
    const istio = trafficRoutingOf(props)?.istio;
    if (!isRecord(istio)) return undefined;
    const base = `${CANARY}.trafficRouting.istio`;
    const refs: VirtualServiceRef[] = [];
    const toRef = (vs: Json, path: string): VirtualServiceRef | undefined => {
        const ref = str(vs.name);
        if (!ref) return undefined;
        return {
            ...splitQualifiedName(ref, rolloutNamespace),
            routes: array(vs.routes).filter((r): r is string => typeof r === "string"),
            hasTlsOrTcpRoutes: array(vs.tlsRoutes).length > 0 || array(vs.tcpRoutes).length > 0,
            path,
        };
    };
    if (isRecord(istio.virtualService)) {
        const ref = toRef(istio.virtualService, `${base}.virtualService`);
        if (ref) refs.push(ref);
    }
    array(istio.virtualServices).forEach((vs, i) => {
        const ref = toRef(record(vs), `${base}.virtualServices[${i}]`);
        if (ref) refs.push(ref);
    });
    let destinationRule: DestinationRuleRef | undefined;
    if (isRecord(istio.destinationRule) && str(istio.destinationRule.name)) {
        const dr = istio.destinationRule;
        destinationRule = {
            ...splitQualifiedName(str(dr.name)!, rolloutNamespace),
            canarySubsetName: str(dr.canarySubsetName) ?? "",
            stableSubsetName: str(dr.stableSubsetName) ?? "",
            path: `${base}.destinationRule`,
        };
    }
    return { virtualServices: refs, destinationRule };
}

export function usesIstio(props: Json): boolean {
    return isRecord(trafficRoutingOf(props)?.istio);
}

export interface ServiceRefs {
    canaryService?: string;
    stableService?: string;
}

export function serviceRefsOf(props: Json): ServiceRefs {
    const canary = canaryOf(props);
    return { canaryService: str(canary?.canaryService) || undefined, stableService: str(canary?.stableService) || undefined };
}

/** Stable Ingress names of the Nginx router (`stableIngress` and, since v1.8, `stableIngresses`). */
export function nginxStableIngresses(props: Json): { name: string; path: string }[] {
    const nginx = trafficRoutingOf(props)?.nginx;
    if (!isRecord(nginx)) return [];
    const base = `${CANARY}.trafficRouting.nginx`;
    const out: { name: string; path: string }[] = [];
    const single = str(nginx.stableIngress);
    if (single) out.push({ name: single, path: `${base}.stableIngress` });
    array(nginx.stableIngresses).forEach((name, i) => {
        if (typeof name === "string" && name) out.push({ name, path: `${base}.stableIngresses[${i}]` });
    });
    return out;
}

export interface PodTemplateView {
    labels: Record<string, string>;
    annotations: Record<string, string>;
    /** Where the labels come from, for messages. */
    path: string;
}

/** The Rollout's inline pod template, if it has one (none with `workloadRef`). */
export function inlinePodTemplate(props: Json): PodTemplateView | undefined {
    const template = record(props.spec).template;
    if (!isRecord(template)) return undefined;
    const meta = record(template.metadata);
    return { labels: stringMap(meta.labels), annotations: stringMap(meta.annotations), path: "spec.template.metadata" };
}

export function workloadRefOf(props: Json): { kind: string; name: string } | undefined {
    const ref = record(props.spec).workloadRef;
    if (!isRecord(ref) || !str(ref.name)) return undefined;
    return { kind: str(ref.kind) ?? "Deployment", name: str(ref.name)! };
}

/** Template names of an analysis block (`templates[].templateName`, namespaced or cluster-scoped). */
export function analysisTemplates(block: unknown): string[] {
    return array(record(block).templates)
        .map(t => str(record(t).templateName))
        .filter((t): t is string => !!t);
}
