import { gatewayIsQualified } from "../lib/istio";
import { isVirtualService } from "../lib/kinds";
import { array, record } from "../lib/manifest";
import { resourcePolicy } from "../lib/policy";

interface Config {
    requireMesh: boolean;
}

/**
 * VirtualService gateways are written `<namespace>/<name>` (or `mesh`): an unqualified name is looked
 * up in the VirtualService's own namespace, which silently binds nothing when the gateway lives in
 * istio-system or an ingress namespace.
 */
export const istioGateways = resourcePolicy<Config>({
    name: "canary-istio-gateways",
    description: "VirtualService gateways are namespace-qualified (<namespace>/<name>) or \"mesh\".",
    enforcementLevel: "advisory",
    config: {
        requireMesh: {
            type: "boolean",
            default: false,
            description:
                "Require \"mesh\" among the gateways of a VirtualService bound to gateways, so in-mesh traffic is split too. Defaults to false.",
        },
    },
    appliesTo: { matches: isVirtualService, description: "Istio VirtualServices" },
    validate: ({ object: vs, who, config }, report) => {
        const gateways = array(record(vs.props.spec).gateways);
        gateways.forEach((g, i) => {
            if (typeof g !== "string" || gatewayIsQualified(g)) return;
            report(
                `${who}: spec.gateways[${i}] "${g}" is not namespace-qualified; write "<namespace>/${g}" or "mesh" ` +
                    `(an unqualified gateway is looked up in the VirtualService's namespace, "${vs.namespace}").`,
            );
        });
        if (config.requireMesh && gateways.length > 0 && !gateways.includes("mesh")) {
            report(`${who}: spec.gateways does not include "mesh", so traffic from inside the mesh is not split between canary and stable.`);
        }
    },
});
