import { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema, isExcluded, readConfig } from "../lib/config";
import { gatewayIsQualified } from "../lib/istio";
import { isVirtualService } from "../lib/kinds";
import { array, record, subject } from "../lib/manifest";
import { forTypes } from "../lib/policy";

const schema = configSchema({
    requireMesh: {
        type: "boolean",
        default: false,
        description:
            "Require \"mesh\" among the gateways of a VirtualService bound to gateways, so in-mesh traffic is split too. Defaults to false.",
    },
});

interface Config {
    requireMesh: boolean;
    exclude: string[];
}

/**
 * VirtualService gateways are written `<namespace>/<name>` (or `mesh`): an unqualified name is looked
 * up in the VirtualService's own namespace, which silently binds nothing when the gateway lives in
 * istio-system or an ingress namespace.
 */
export const istioGateways: ResourceValidationPolicy = {
    name: "canary-istio-gateways",
    description: "VirtualService gateways are namespace-qualified (<namespace>/<name>) or \"mesh\".",
    enforcementLevel: "advisory",
    configSchema: schema,
    validateResource: forTypes(isVirtualService, "Istio VirtualServices", (vs, args, report) => {
        const config = readConfig<Config>(args, schema);
        if (isExcluded(config.exclude, vs.namespace, vs.name)) return;
        const who = subject("VirtualService", vs.namespace, vs.name);
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
    }),
};
