import { array, isRecord, record, str } from "../lib/manifest";
import { MAX_SUBDOMAIN, POD_HASH_MAX, canaryIngressName, experimentServiceName, rfc1035Label } from "../lib/names";
import { ROLLOUTS, resourcePolicy } from "../lib/policy";
import { nginxStableIngresses, stepsOf, trafficRoutingOf } from "../lib/rollout";

interface Config {
    revisionDigits: number;
    canaryIngressMaxLength: number;
}

/**
 * Names the controller derives from the Rollout and cannot shorten safely: the Service of an
 * experiment template (its ReplicaSet name, created when the template has `service` or a traffic
 * `weight`; over 63 characters it aborts the rollout, argoproj/argo-rollouts#1637) and the Nginx
 * canary Ingress.
 */
export const derivedNames = resourcePolicy<Config>({
    name: "canary-derived-names",
    description: "Names the Argo controller derives from a Rollout (experiment Services, Nginx canary Ingresses) fit their limits.",
    enforcementLevel: "mandatory",
    config: {
        revisionDigits: {
            type: "integer",
            minimum: 1,
            maximum: 10,
            default: 3,
            description: "Digits of the Rollout revision the name budget must hold (revisions count up with every change). Defaults to 3 (revision 999).",
        },
        canaryIngressMaxLength: {
            type: "integer",
            minimum: 1,
            maximum: MAX_SUBDOMAIN,
            default: MAX_SUBDOMAIN,
            description:
                "Longest canary Ingress name `<rollout>-<stableIngress>-canary` allowed. Defaults to 253: Ingress names are DNS-1123 " +
                "subdomains and the controller truncates longer ones. Set 63 to keep every derived name within a label.",
        },
    },
    appliesTo: ROLLOUTS,
    validate: ({ object: rollout, who, config }, report) => {
        const routed = trafficRoutingOf(rollout.props) !== undefined;

        for (const step of stepsOf(rollout.props)) {
            const experiment = step.body.experiment;
            if (!isRecord(experiment)) continue;
            array(experiment.templates).forEach((t, i) => {
                const template = record(t);
                const templateName = str(template.name) ?? "";
                const getsService = isRecord(template.service) || (routed && typeof template.weight === "number");
                if (!getsService) return;
                const path = `${step.path}.experiment.templates[${i}]`;
                const given = str(record(template.service).name);
                if (given) {
                    const problem = rfc1035Label(given);
                    if (problem) report(`${who}: ${path}.service.name "${given}" ${problem}.`);
                    return;
                }
                const derived = experimentServiceName(rollout.name, step.index, templateName, config.revisionDigits);
                const problem = rfc1035Label(derived);
                if (problem) {
                    report(
                        `${who}: ${path} ("${templateName}") gets a Service named "<rollout>-<hash>-<revision>-${step.index}-${templateName}", ` +
                            `${derived.length} characters with a ${POD_HASH_MAX}-character hash and a ${config.revisionDigits}-digit revision; ` +
                            `the name ${problem}, and the controller does not shorten it (argoproj/argo-rollouts#1637). ` +
                            `Shorten the Rollout or template name, or set ${path}.service.name.`,
                    );
                }
            });
        }

        for (const ingress of nginxStableIngresses(rollout.props)) {
            const canary = canaryIngressName(rollout.name, ingress.name);
            if (canary.length > config.canaryIngressMaxLength) {
                report(
                    `${who}: ${ingress.path} "${ingress.name}" makes the controller create the canary Ingress "<rollout>-<ingress>-canary", ` +
                        `${canary.length} characters; at most ${config.canaryIngressMaxLength} allowed.`,
                );
            }
        }
    },
});
