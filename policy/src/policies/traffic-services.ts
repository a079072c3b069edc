import { isRecord } from "../lib/manifest";
import { ROLLOUTS, resourcePolicy } from "../lib/policy";
import { canaryOf, serviceRefsOf, trafficRoutingOf } from "../lib/rollout";

/**
 * canaryService and stableService differ, and both are set where the router needs them (any
 * traffic routing but an Istio subset-level split or ALB ping-pong): one Service cannot carry two weights.
 */
export const trafficServices = resourcePolicy({
    name: "canary-traffic-services",
    description: "A Rollout's canary and stable Services are set where traffic routing needs them, and differ.",
    enforcementLevel: "mandatory",
    appliesTo: ROLLOUTS,
    validate: ({ object: rollout, who }, report) => {
        const { canaryService, stableService } = serviceRefsOf(rollout.props);
        const routing = trafficRoutingOf(rollout.props);
        const istio = routing?.istio;
        const subsetSplit = isRecord(istio) && isRecord(istio.destinationRule);
        // argo-rollouts validation.go requireCanaryStableServices: every router needs both, except an
        // Istio subset-level split and ALB ping-pong.
        const needsBoth = routing !== undefined && !subsetSplit && !isRecord(canaryOf(rollout.props)?.pingPong);
        if (needsBoth && (!canaryService || !stableService)) {
            const missing = [!canaryService && "canaryService", !stableService && "stableService"].filter(Boolean).join(" and ");
            const router = isRecord(istio) ? "Istio host-level" : Object.keys(routing).filter(k => k !== "managedRoutes" && k !== "maxTrafficWeight").join("/");
            report(`${who}: spec.strategy.canary.${missing} must be set with ${router} traffic routing.`);
        }
        if (canaryService && canaryService === stableService) {
            report(
                `${who}: spec.strategy.canary.canaryService and stableService are both "${canaryService}"; they must be different Services.`,
            );
        }
    },
});
