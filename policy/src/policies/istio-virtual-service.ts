import { hostService } from "../lib/istio";
import { Json, array, record, str, subject } from "../lib/manifest";
import { requireInStack, stackPolicy } from "../lib/policy";
import { DestinationRuleRef, istioRoutingOf, serviceRefsOf } from "../lib/rollout";
import { StackObject } from "../lib/stack";

interface Destination {
    host: string;
    subset?: string;
    weight: number;
}

function destinationsOf(route: Json): Destination[] {
    return array(route.route).map(d => {
        const dest = record(record(d).destination);
        const weight = record(d).weight;
        return { host: str(dest.host) ?? "", subset: str(dest.subset), weight: typeof weight === "number" ? weight : 0 };
    });
}

function describe(dests: Destination[]): string {
    return `[${dests.map(d => `${d.host}${d.subset ? `/${d.subset}` : ""} (weight ${d.weight})`).join(", ")}]`;
}

/** Problem with a route's destinations, or undefined when they are exactly what the Rollout needs. */
function destinationProblem(
    dests: Destination[],
    vs: StackObject,
    rolloutNamespace: string,
    services: { canaryService?: string; stableService?: string },
    dr: DestinationRuleRef | undefined,
): string | undefined {
    if (dr) {
        const subsets = dests.map(d => d.subset).sort();
        const expected = [dr.canarySubsetName, dr.stableSubsetName].sort();
        const hosts = dests.map(d => hostService(d.host, vs.namespace));
        const oneHost = hosts.every(h => h.name === hosts[0].name && h.namespace === hosts[0].namespace);
        if (dests.length === 2 && oneHost && subsets[0] === expected[0] && subsets[1] === expected[1]) return undefined;
        return `must have exactly two destinations, the subsets "${dr.canarySubsetName}" and "${dr.stableSubsetName}" of one host (subset-level split)`;
    }
    if (!services.canaryService || !services.stableService) return undefined;
    const refersTo = (d: Destination, service: string) => {
        const target = hostService(d.host, vs.namespace);
        return target.name === service && target.namespace === rolloutNamespace;
    };
    const ok =
        dests.length === 2 &&
        dests.some(d => refersTo(d, services.canaryService!)) &&
        dests.some(d => refersTo(d, services.stableService!));
    if (ok) return undefined;
    return `must have exactly two destinations, the canary Service "${services.canaryService}" and the stable Service "${services.stableService}" (host-level split)`;
}

/**
 * The VirtualService a Rollout names exists in the stack, has the http routes the Rollout names (or
 * exactly one http route when it names none), and each such route has exactly the two destinations
 * the controller sets weights on, with weights adding up to 100. Argo reports these only at run
 * time, as InvalidSpec.
 */
export const istioVirtualService = stackPolicy<{ requireInStack: boolean }>({
    name: "canary-istio-virtual-service",
    description: "The VirtualService routes a Rollout names exist and have exactly its canary and stable destinations.",
    enforcementLevel: "mandatory",
    config: requireInStack("VirtualService", "a VirtualService managed elsewhere (the component can drive an existing one)"),
    validate: ({ config, eachRollout, referenced }, report) => {
        eachRollout((rollout, who) => {
            const routing = istioRoutingOf(rollout.props, rollout.namespace);
            if (!routing) return;
            const services = serviceRefsOf(rollout.props);
            for (const ref of routing.virtualServices) {
                const vs = referenced(rollout, "virtualServices", ref, config.requireInStack);
                if (!vs) continue;
                const vsWho = subject("VirtualService", ref.namespace, ref.name);
                const http = array(record(vs.props.spec).http).map(record);
                const targets: { route: Json; index: number }[] = [];
                if (ref.routes.length === 0) {
                    if (ref.hasTlsOrTcpRoutes) continue;
                    if (http.length !== 1) {
                        report(
                            `${vsWho} has ${http.length} http routes in spec.http, but ${who} leaves ${ref.path}.routes empty, ` +
                                `which Argo Rollouts allows only when there is exactly one; list the route names.`,
                            vs.resource.urn,
                        );
                        continue;
                    }
                    targets.push({ route: http[0], index: 0 });
                }
                for (const name of ref.routes) {
                    const i = http.findIndex(r => r.name === name);
                    if (i < 0) {
                        const present = http.map(r => str(r.name) ?? "(unnamed)").join(", ");
                        report(
                            `${vsWho} has no http route named "${name}" (named by ${who} in ${ref.path}.routes); spec.http has [${present}].`,
                            vs.resource.urn,
                        );
                    } else {
                        targets.push({ route: http[i], index: i });
                    }
                }
                for (const { route, index: i } of targets) {
                    const path = `spec.http[${i}]${str(route.name) ? ` ("${str(route.name)}")` : ""}`;
                    const dests = destinationsOf(route);
                    const problem = destinationProblem(dests, vs, rollout.namespace, services, routing.destinationRule);
                    if (problem) {
                        report(`${vsWho} ${path}.route, driven by ${who}, has destinations ${describe(dests)}; it ${problem}.`, vs.resource.urn);
                    }
                    const total = dests.reduce((sum, d) => sum + d.weight, 0);
                    if (dests.length > 1 && total !== 100) {
                        report(`${vsWho} ${path}.route weights add up to ${total}; they must add up to 100.`, vs.resource.urn);
                    }
                }
            }
        });
    },
});
