import type { PolicyResource } from "@pulumi/policy";
import { INJECTION_LABEL, POD_INJECT_KEY, REVISION_LABEL, namespaceInjection } from "../lib/istio";
import { isRecord, record, str, stringMap, subject, whenKnown } from "../lib/manifest";
import { stackPolicy } from "../lib/policy";
import { PodTemplateView, inlinePodTemplate, usesIstio } from "../lib/rollout";
import { StackIndex, StackObject } from "../lib/stack";

interface Config {
    acceptAmbient: boolean;
    reportUnverifiable: boolean;
}

/** The labels of a Rollout's namespace, from wherever the pack can see them. */
interface NamespaceView {
    labels: Record<string, string>;
    describe: string;
    fix: string;
    urn: string;
}

function namespaceView(index: StackIndex, rollout: StackObject): NamespaceView | undefined {
    const declared = index.namespaces.get(rollout.namespace);
    if (declared) {
        return {
            labels: stringMap(record(declared.props.metadata).labels),
            describe: `Namespace "${rollout.namespace}" (declared in this stack, metadata.labels)`,
            fix:
                `Add the label, or list "${rollout.namespace}" in meshNamespaces of the canary-istio-namespace-label policy ` +
                `with enforcement level "remediate".`,
            urn: declared.resource.urn,
        };
    }
    // A NamespacePatch only asserts the labels it sets: it settles the question when it enables
    // injection or disables it explicitly, and says nothing otherwise.
    const patch = index.namespacePatches.get(rollout.namespace);
    if (patch) {
        const labels = stringMap(record(patch.props.metadata).labels);
        if (namespaceInjection(labels).injected || labels[INJECTION_LABEL] === "disabled") {
            return {
                labels,
                describe: `Namespace "${rollout.namespace}" (labelled by a NamespacePatch in this stack, metadata.labels)`,
                fix: "Change the label in the NamespacePatch.",
                urn: patch.resource.urn,
            };
        }
    }
    // Outside the stack: the CanaryDelivery component reads the live namespace and exposes its
    // labels as the `namespaceLabels` output; prefer the component that owns this Rollout.
    const owner = index.owningComponent(rollout.resource);
    const candidates: PolicyResource[] = owner ? [owner, ...index.components] : index.components;
    for (const component of candidates) {
        const found = whenKnown(() => {
            const labels = component.props.namespaceLabels;
            if (!isRecord(labels)) return undefined;
            const ns = str(component.props.namespace);
            if (component !== owner && ns !== rollout.namespace) return undefined;
            return stringMap(labels);
        });
        if (found) {
            return {
                labels: found,
                describe: `Namespace "${rollout.namespace}" (outside this stack; live labels exposed by CanaryDelivery "${component.name}" as namespaceLabels)`,
                fix: "Label the namespace where it is managed.",
                urn: component.urn,
            };
        }
    }
    return undefined;
}

function optOut(template: PodTemplateView | undefined): string | undefined {
    if (!template) return undefined;
    if (template.labels[POD_INJECT_KEY] === "false") return `${template.path}.labels["${POD_INJECT_KEY}"]`;
    if (template.annotations[POD_INJECT_KEY] === "false") return `${template.path}.annotations["${POD_INJECT_KEY}"]`;
    return undefined;
}

/**
 * Istio-routed Rollouts run in a namespace with sidecar injection on, and their pods do not opt out.
 * Sees the namespace when it is declared in the stack, or through the `namespaceLabels` output of a
 * CanaryDelivery (the live labels of a namespace that lives outside the stack).
 */
export const istioSidecarInjection = stackPolicy<Config>({
    name: "canary-istio-sidecar-injection",
    description: `Rollouts routed by Istio run in a namespace labelled ${INJECTION_LABEL}=enabled or ${REVISION_LABEL}=<revision>, with pods that do not opt out.`,
    enforcementLevel: "mandatory",
    config: {
        acceptAmbient: {
            type: "boolean",
            default: false,
            description: "Also accept namespaces in Istio ambient mode (istio.io/dataplane-mode=ambient). Defaults to false.",
        },
        reportUnverifiable: {
            type: "boolean",
            default: false,
            description:
                "Report Istio-routed Rollouts whose namespace is neither declared in the stack nor exposed by a CanaryDelivery " +
                "(namespaceLabels), so injection cannot be checked. Defaults to false.",
        },
    },
    validate: ({ index, config, eachRollout }, report) => {
        const byNamespace = new Map<string, { view: NamespaceView; rollouts: string[] }>();

        eachRollout((rollout, who) => {
            if (!usesIstio(rollout.props)) return;

            const view = namespaceView(index, rollout);
            if (view) {
                const entry = byNamespace.get(rollout.namespace) ?? { view, rollouts: [] };
                entry.rollouts.push(who);
                byNamespace.set(rollout.namespace, entry);
            } else if (config.reportUnverifiable) {
                report(
                    `${who} routes traffic with Istio in namespace "${rollout.namespace}", which is not declared in this stack and ` +
                        `whose labels no CanaryDelivery exposes (namespaceLabels): sidecar injection cannot be checked.`,
                    rollout.resource.urn,
                );
            }

            const inline = inlinePodTemplate(rollout.props);
            const inlineOptOut = optOut(inline);
            if (inlineOptOut) {
                report(`${who} routes traffic with Istio but ${inlineOptOut} is "false": its pods opt out of the sidecar.`, rollout.resource.urn);
            }
            const deployment = index.adoptedDeployment(rollout);
            if (deployment) {
                const adopted = inlinePodTemplate(deployment.props);
                const adoptedOptOut = optOut(adopted);
                if (adoptedOptOut) {
                    report(
                        `${subject("Deployment", deployment.namespace, deployment.name)}, adopted by ${who} through spec.workloadRef, ` +
                            `has ${adoptedOptOut} "false": the Rollout routes traffic with Istio but its pods opt out of the sidecar.`,
                        deployment.resource.urn,
                    );
                }
            }
        });

        for (const { view, rollouts } of byNamespace.values()) {
            const verdict = namespaceInjection(view.labels, config.acceptAmbient);
            if (verdict.injected) continue;
            report(
                `${view.describe} ${verdict.reason}, but ${rollouts.join(", ")} ${rollouts.length > 1 ? "route" : "routes"} traffic with Istio: ` +
                    `${rollouts.length > 1 ? "their" : "its"} pods would start without the Istio sidecar. ${view.fix}`,
                view.urn,
            );
        }
    },
});
