import { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema, isExcluded, readConfig } from "../lib/config";
import { ROLLOUT } from "../lib/kinds";
import { isRecord, subject } from "../lib/manifest";
import { forTypes, isType } from "../lib/policy";
import { canaryOf, serviceRefsOf, trafficRoutingOf } from "../lib/rollout";

const schema = configSchema({});

interface Config {
    exclude: string[];
}

/**
 * canaryService and stableService differ, and both are set where the router needs them (any
 * traffic routing but an Istio subset-level split or ALB ping-pong): one Service cannot carry two weights.
 */
export const trafficServices: ResourceValidationPolicy = {
    name: "canary-traffic-services",
    description: "A Rollout's canary and stable Services are set where traffic routing needs them, and differ.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: forTypes(isType(ROLLOUT), "Argo Rollouts Rollouts", (rollout, args, report) => {
        const config = readConfig<Config>(args, schema);
        if (isExcluded(config.exclude, rollout.namespace, rollout.name)) return;
        const who = subject("Rollout", rollout.namespace, rollout.name);
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
    }),
};
