import { sameHost } from "../lib/istio";
import { array, record, str, subject } from "../lib/manifest";
import { requireInStack, stackPolicy } from "../lib/policy";
import { istioRoutingOf } from "../lib/rollout";

/**
 * Subset-level splitting: the DestinationRule a Rollout names exists, defines both the canary and
 * the stable subset, and its host is the host the VirtualService routes send to (otherwise the
 * subsets would belong to another service).
 */
export const istioDestinationRule = stackPolicy<{ requireInStack: boolean }>({
    name: "canary-istio-destination-rule",
    description: "For subset-level splitting, the DestinationRule exists, matches the routed host and defines both subsets.",
    enforcementLevel: "mandatory",
    config: requireInStack("DestinationRule", "one managed elsewhere"),
    validate: ({ index, config, eachRollout, referenced }, report) => {
        eachRollout((rollout, who) => {
            const routing = istioRoutingOf(rollout.props, rollout.namespace);
            const ref = routing?.destinationRule;
            if (!routing || !ref) return;
            const dr = referenced(rollout, "destinationRules", ref, config.requireInStack);
            if (!dr) return;
            const drWho = subject("DestinationRule", ref.namespace, ref.name);
            const spec = record(dr.props.spec);
            const subsets = array(spec.subsets).map(s => str(record(s).name) ?? "");
            for (const [role, subset, field] of [
                ["canary", ref.canarySubsetName, "canarySubsetName"],
                ["stable", ref.stableSubsetName, "stableSubsetName"],
            ] as const) {
                if (!subsets.includes(subset)) {
                    report(
                        `${drWho} spec.subsets has [${subsets.join(", ")}], without the ${role} subset "${subset}" that ${who} names in ${ref.path}.${field}.`,
                        dr.resource.urn,
                    );
                }
            }
            const host = str(spec.host);
            if (!host) {
                report(`${drWho} has no spec.host; it must be the host the routes of ${who} send traffic to.`, dr.resource.urn);
                return;
            }
            for (const vsRef of routing.virtualServices) {
                const vs = index.find("virtualServices", vsRef.namespace, vsRef.name);
                if (!vs) continue;
                array(record(vs.props.spec).http).forEach((r, i) => {
                    const route = record(r);
                    if (vsRef.routes.length > 0 && !vsRef.routes.includes(str(route.name) ?? "")) return;
                    for (const d of array(route.route)) {
                        const destHost = str(record(record(d).destination).host);
                        if (destHost && !sameHost(destHost, vs.namespace, host, dr.namespace)) {
                            report(
                                `${drWho} spec.host "${host}" does not match host "${destHost}" of ${subject("VirtualService", vs.namespace, vs.name)} ` +
                                    `spec.http[${i}], which ${who} splits by subset: the subsets would apply to another service.`,
                                dr.resource.urn,
                            );
                            return;
                        }
                    }
                });
            }
        });
    },
});
