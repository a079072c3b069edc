import { record, stringMap, subject } from "../lib/manifest";
import { stackPolicy } from "../lib/policy";
import { PodTemplateView, inlinePodTemplate, serviceRefsOf } from "../lib/rollout";
import { StackIndex, StackObject } from "../lib/stack";

/** The controller adds this key to the canary and stable Services' selectors itself. */
const POD_TEMPLATE_HASH = "rollouts-pod-template-hash";

function podTemplate(index: StackIndex, rollout: StackObject, who: string): { view: PodTemplateView; where: string } | undefined {
    const inline = inlinePodTemplate(rollout.props);
    if (inline) return { view: inline, where: `the pod template of ${who}` };
    const deployment = index.adoptedDeployment(rollout);
    const adopted = deployment ? inlinePodTemplate(deployment.props) : undefined;
    if (!deployment || !adopted) return undefined;
    return { view: adopted, where: `the pod template of ${subject("Deployment", deployment.namespace, deployment.name)} (adopted through spec.workloadRef)` };
}

function show(labels: Record<string, string>): string {
    const entries = Object.entries(labels);
    return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(", ") : "(none)";
}

/**
 * The canary and stable Services of a Rollout select its pods: every key of their selector is a pod
 * template label with the same value. Otherwise the Service has no endpoints and the weight sent to
 * it fails. The pod template is the Rollout's own or, with workloadRef, the adopted Deployment's
 * (when the Deployment is declared in the stack).
 */
export const serviceSelectors = stackPolicy<{ ignoreSelectorKeys: string[] }>({
    name: "canary-service-selectors",
    description: "A Rollout's canary and stable Services select its pod template labels.",
    enforcementLevel: "mandatory",
    config: {
        ignoreSelectorKeys: {
            type: "array",
            items: { type: "string" },
            default: [POD_TEMPLATE_HASH],
            description: `Selector keys not compared with the pod template. Defaults to ["${POD_TEMPLATE_HASH}"], which the controller manages.`,
        },
    },
    validate: ({ index, config, eachRollout }, report) => {
        eachRollout((rollout, who) => {
            const template = podTemplate(index, rollout, who);
            if (!template) return;
            const refs = serviceRefsOf(rollout.props);
            for (const [role, name] of [["canary", refs.canaryService], ["stable", refs.stableService]] as const) {
                const service = index.find("services", rollout.namespace, name);
                if (!service) continue;
                const selector = stringMap(record(service.props.spec).selector);
                const mismatched = Object.entries(selector).filter(
                    ([key, value]) => !config.ignoreSelectorKeys.includes(key) && template.view.labels[key] !== value,
                );
                if (mismatched.length === 0) continue;
                report(
                    `${subject("Service", service.namespace, service.name)} (${role} Service of ${who}): ` +
                        `spec.selector ${show(Object.fromEntries(mismatched))} does not match ${template.where} ` +
                        `(${template.view.path}.labels: ${show(template.view.labels)}), so it selects none of the release's pods.`,
                    service.resource.urn,
                );
            }
        });
    },
});
