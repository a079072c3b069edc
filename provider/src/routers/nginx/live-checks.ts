// What the Nginx router checks in the cluster before anything is applied, because the arguments
// cannot show it and Argo only finds out at run time:
// - an existing Ingress must route to the stable Service the Rollout names (Argo's validation looks
//   for it in the Ingress's rules: `InvalidSpec: ingress 'web' has no rules using service web-stable
//   backend`, after preview and up said nothing);
// - the user's Service given as the stable one must select the release's pods: Argo adds the pod
//   hash to its selector, and a Service whose other keys select other pods then selects none;
// - a Service the component would create must not be someone else's: registering it would take the
//   Service over (server-side apply merges into it) and the release's removal would delete it.
// Pure: live/ reads the objects and runs `judge`.
import { LiveObject, managedByPulumi, managersOf } from "../../core/live-object";
import { listed, quote } from "../../parse/rules/problem";
import type { Resolved } from "../../resolve/model";
import type { LiveCheck } from "../contract";
import type { ResolvedNginx } from "./model";

interface CreatedService {
    name: string;
    /** The argument the name comes from, as messages name it. */
    from: string;
    role: "stable" | "canary";
}

export function nginxLiveCheck(r: Resolved, t: ResolvedNginx): LiveCheck | undefined {
    const stable = r.services.stable;
    const canary = r.services.canary;
    if (stable === undefined || canary === undefined) return undefined;
    const ingress = t.stableIngress.create ? undefined : t.stableIngress.name;
    const created: CreatedService[] = [
        ...(r.services.stableExisting ? [] : [{ name: stable, role: "stable" as const, from: stable === `${r.release}-stable` ? "releaseName (the default <releaseName>-stable)" : "service.stableName" }]),
        { name: canary, role: "canary", from: canary === `${r.release}-canary` ? "releaseName (the default <releaseName>-canary)" : "service.canaryName" },
    ];
    return {
        reads: [
            ...(ingress !== undefined ? [{ kind: "Ingress" as const, name: ingress }] : []),
            ...(t.stableService !== undefined ? [{ kind: "Service" as const, name: t.stableService }] : []),
            ...created.map((c) => ({ kind: "Service" as const, name: c.name })),
        ],
        judge(found, namespace) {
            const errors: string[] = [];
            const warnings: string[] = [];
            const where = `in namespace ${quote(namespace)}`;
            if (ingress !== undefined) {
                const live = found({ kind: "Ingress", name: ingress });
                if (!live) {
                    warnings.push(`Ingress ${quote(ingress)} (nginx.stableIngress) does not exist ${where} yet: Argo needs it, with a rule whose backend is the stable Service ${quote(stable)}, before the release starts (fine if this program creates it).`);
                } else if (!ruleBackends(live).includes(stable)) {
                    errors.push(ingressMismatch(live, ingress, stable, t.stableService !== undefined));
                }
            }
            const given = t.stableService !== undefined ? found({ kind: "Service", name: t.stableService }) : undefined;
            if (given) {
                const mismatch = selectorMismatch(given, podLabelsOf(r));
                if (mismatch) errors.push(`nginx.stableService: Service ${quote(t.stableService!)} ${mismatch}`);
            }
            if (t.stableService !== undefined && !given) {
                warnings.push(`Service ${quote(t.stableService)} (nginx.stableService) does not exist ${where} yet: Argo drives it as the stable Service and fails the Rollout without it (fine if this program creates it).`);
            }
            for (const c of created) {
                const live = found({ kind: "Service", name: c.name });
                if (live && !managedByPulumi(live)) errors.push(takeover(c, live, where));
            }
            return { errors, warnings };
        },
    };
}

/** Services the rules of an Ingress send requests to: the ones Argo's validation accepts as the stable Service. */
export function ruleBackends(ingress: LiveObject): string[] {
    const rules = (ingress.spec?.rules ?? []) as { http?: { paths?: { backend?: { service?: { name?: string } } }[] } }[];
    const names = rules.flatMap((rule) => (rule.http?.paths ?? []).map((p) => p.backend?.service?.name));
    return [...new Set(names.filter((n): n is string => typeof n === "string" && n !== ""))];
}

function ingressMismatch(live: LiveObject, ingress: string, stable: string, given: boolean): string {
    const backends = ruleBackends(live);
    const routes = backends.length ? `routes to Service${backends.length === 1 ? "" : "s"} ${listed(backends.map(quote))}, not to` : "has no rule with a Service backend, so none with";
    const fallback = (live.spec?.defaultBackend as { service?: { name?: string } } | undefined)?.service?.name;
    const onlyDefault = fallback === stable ? ` (its defaultBackend is ${quote(stable)}, but Argo looks only at the rules' backends)` : "";
    const argo = `Argo would reject the Rollout (InvalidSpec: ingress '${ingress}' has no rules using service ${stable} backend)`;
    const fix = backends.length === 1 ? `nginx.stableService: ${quote(backends[0])}` : "nginx.stableService to the Service of the Ingress's rules";
    if (given) {
        return `nginx.stableService: Ingress ${quote(ingress)} (nginx.stableIngress) ${routes} ${quote(stable)} (nginx.stableService)${onlyDefault}, so ${argo}. ` +
            `Set ${fix}, or add a rule with backend ${quote(stable)} to the Ingress.`;
    }
    return `nginx.stableIngress: Ingress ${quote(ingress)} ${routes} ${quote(stable)}, the stable Service the component creates${onlyDefault}, so ${argo}. ` +
        `Set ${fix} to drive the Service the Ingress routes to (the component then creates no stable Service), or make ${quote(stable)} the backend of a rule of the Ingress.`;
}

function takeover(c: CreatedService, live: LiveObject, where: string): string {
    const managers = managersOf(live);
    const by = managers.length ? ` (written by ${listed(managers)})` : "";
    const instead = c.role === "stable"
        ? `To drive an existing Service, set nginx.stableService: ${quote(c.name)} (with nginx.stableIngress) instead of service.stableName; else name the stable Service with service.stableName so that no Service uses it yet.`
        : `The canary Service must be the component's own: set service.canaryName to a name no Service uses (an existing Service can only be the stable one, with nginx.stableService).`;
    return `${c.from}: the ${c.role} Service ${quote(c.name)} already exists ${where} and no Pulumi program manages it${by}; ` +
        `creating it would take it over (two writers) and deleting the release would delete it. ${instead}`;
}

/** The label Argo adds to the selectors of the Services it drives. */
const POD_TEMPLATE_HASH = "rollouts-pod-template-hash";

/** The labels of the release's pods, when they are plain values (an adopted Deployment's may be Outputs). */
function podLabelsOf(r: Resolved): Record<string, string> | undefined {
    const labels = r.workload.kind === "template" ? r.workload.podLabels : r.workload.matchLabels;
    if (typeof labels !== "object" || labels === null || typeof (labels as { then?: unknown }).then === "function") return undefined;
    return Object.values(labels).every((v) => typeof v === "string") ? (labels as Record<string, string>) : undefined;
}

/** Why a Service selects none of the release's pods, or undefined when it selects them (or that is not known). */
export function selectorMismatch(service: LiveObject, podLabels: Record<string, string> | undefined): string | undefined {
    const selector = (service.spec?.selector ?? {}) as Record<string, string>;
    if (!podLabels) return undefined;
    const wrong = Object.entries(selector).filter(([k, v]) => k !== POD_TEMPLATE_HASH && podLabels[k] !== v);
    if (wrong.length === 0) return undefined;
    const show = (m: [string, string | undefined][]) => m.map(([k, v]) => `${k}=${v ?? "(none)"}`).join(", ");
    return `selects ${show(wrong)}, but the release's pods are labelled ${show(wrong.map(([k]) => [k, podLabels[k]]))}: ` +
        "once Argo adds the pod hash to its selector it selects no pod and the Ingress's traffic reaches none. " +
        "Give the pods the labels the Service selects (template.labels; `app` is the releaseName), or change the Service's selector.";
}
