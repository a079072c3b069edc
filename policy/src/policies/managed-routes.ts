import { Json, array, isRecord, record, str } from "../lib/manifest";
import { ROLLOUTS, resourcePolicy } from "../lib/policy";
import { stepsOf, trafficRoutingOf } from "../lib/rollout";

/**
 * setHeaderRoute / setMirrorRoute steps have a router that supports them (Istio, ALB, APISIX or a
 * traffic router plugin such as Gateway API's for header routes; Istio for mirrors) and name a route
 * listed in trafficRouting.managedRoutes (argo-rollouts 1.9 validation.go; otherwise InvalidSpec at run time).
 */
/** Whether trafficRouting sets this router; `plugins` counts when it names at least one plugin, as the controller checks. */
function routes(routing: Json | undefined, router: string): boolean {
    const block = routing?.[router];
    return isRecord(block) && (router !== "plugins" || Object.keys(block).length > 0);
}

export const managedRoutes = resourcePolicy({
    name: "canary-managed-routes",
    description: "Header and mirror routes set by canary steps have a router that supports them and are listed in trafficRouting.managedRoutes.",
    enforcementLevel: "mandatory",
    appliesTo: ROLLOUTS,
    validate: ({ object: rollout, who }, report) => {
        const routing = trafficRoutingOf(rollout.props);
        const managed = array(routing?.managedRoutes)
            .map(r => str(record(r).name))
            .filter((n): n is string => !!n);
        for (const step of stepsOf(rollout.props)) {
            for (const kind of ["setHeaderRoute", "setMirrorRoute"] as const) {
                const route = step.body[kind];
                if (!isRecord(route)) continue;
                const supported = kind === "setMirrorRoute" ? ["istio"] : ["istio", "alb", "apisix", "plugins"];
                if (!supported.some(router => routes(routing, router))) {
                    report(
                        `${who}: ${step.path}.${kind} needs ${supported.join(", ")} traffic routing in spec.strategy.canary.trafficRouting; ` +
                            `the controller rejects it otherwise.`,
                    );
                    continue;
                }
                const name = str(route.name);
                if (!name) {
                    report(`${who}: ${step.path}.${kind} has no name; it must name a route listed in spec.strategy.canary.trafficRouting.managedRoutes.`);
                } else if (!managed.includes(name)) {
                    report(
                        `${who}: ${step.path}.${kind}.name "${name}" is not listed in spec.strategy.canary.trafficRouting.managedRoutes ` +
                            `([${managed.join(", ")}]); the controller rejects the Rollout as InvalidSpec until it is.`,
                    );
                }
            }
        }
    },
});
