import { isExcluded } from "../lib/config";
import { ISTIO_PROTOCOLS, hostService, portDeclaresProtocol } from "../lib/istio";
import { array, record, str, subject, whenKnown } from "../lib/manifest";
import { stackPolicy } from "../lib/policy";
import { istioRoutingOf, serviceRefsOf, usesIstio } from "../lib/rollout";
import { StackObject } from "../lib/stack";

interface Config {
    protocols: string[];
    allServices: boolean;
}

/**
 * Services behind an Istio-routed Rollout declare their protocol, by port name (`http`, `http-*`,
 * `http2-*`, `grpc-*`, ...) or `appProtocol`: otherwise Istio may treat the traffic as opaque TCP,
 * where http routes, and so the canary weights, do not apply.
 */
export const istioServicePorts = stackPolicy<Config>({
    name: "canary-istio-service-ports",
    description: "Service ports used by Istio-routed Rollouts are named with a protocol (http, http-*, grpc-*, ...) or set appProtocol.",
    enforcementLevel: "mandatory",
    config: {
        protocols: {
            type: "array",
            items: { type: "string" },
            default: ISTIO_PROTOCOLS,
            description: `Port-name prefixes accepted as a protocol declaration (\`<protocol>\` or \`<protocol>-<suffix>\`). Defaults to Istio's: ${ISTIO_PROTOCOLS.join(", ")}.`,
        },
        allServices: {
            type: "boolean",
            default: false,
            description: "Check every Service in the stack, not only those Istio-routed Rollouts use. Defaults to false.",
        },
    },
    // The Services are what `exclude` names here, so every Rollout is looked at.
    validate: ({ index, config }, report) => {
        const toCheck = new Map<StackObject, string>();
        const use = (namespace: string, name: string | undefined, role: string) => {
            const service = index.find("services", namespace, name);
            if (service && !toCheck.has(service)) toCheck.set(service, role);
        };

        for (const rollout of index.rollouts) {
            whenKnown(() => {
                if (!usesIstio(rollout.props)) return;
                const who = subject("Rollout", rollout.namespace, rollout.name);
                const refs = serviceRefsOf(rollout.props);
                use(rollout.namespace, refs.canaryService, `canary Service of ${who}`);
                use(rollout.namespace, refs.stableService, `stable Service of ${who}`);
                const ref = istioRoutingOf(rollout.props, rollout.namespace)?.destinationRule;
                const drObject = ref ? index.find("destinationRules", ref.namespace, ref.name) : undefined;
                const host = drObject ? str(record(drObject.props.spec).host) : undefined;
                if (drObject && host) {
                    const target = hostService(host, drObject.namespace);
                    use(target.namespace, target.name, `host of the ${subject("DestinationRule", drObject.namespace, drObject.name)} split by ${who}`);
                }
            });
        }
        if (config.allServices) {
            for (const service of index.services.values()) {
                if (!toCheck.has(service)) toCheck.set(service, "Service in this stack");
            }
        }

        for (const [service, role] of toCheck) {
            if (isExcluded(config.exclude, service.namespace, service.name)) continue;
            whenKnown(() => {
                array(record(service.props.spec).ports).forEach((p, i) => {
                    const port = record(p);
                    const name = str(port.name);
                    if (portDeclaresProtocol({ name, appProtocol: str(port.appProtocol) }, config.protocols)) return;
                    const what = name ? `is named "${name}"` : "has no name";
                    report(
                        `${subject("Service", service.namespace, service.name)} (${role}): spec.ports[${i}] (port ${String(port.port)}) ${what} ` +
                            `and sets no appProtocol, so Istio may treat its traffic as plain TCP, where http routes and canary weights ` +
                            `do not apply. Name it "http" or "<protocol>-<suffix>" (${config.protocols.slice(0, 4).join(", ")}, ...) or set appProtocol.`,
                        service.resource.urn,
                    );
                });
            });
        }
    },
});
