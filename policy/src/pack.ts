// Every policy of the pack, in the order the README documents them. Kept apart from index.ts,
// which starts the policy server, so tests can load the policies without serving them.
import type { Policies } from "@pulumi/policy";
import { analysisRequired } from "./policies/analysis-required";
import { componentName } from "./policies/component-name";
import { derivedNames } from "./policies/derived-names";
import { finalWeight } from "./policies/final-weight";
import { indefinitePause } from "./policies/indefinite-pause";
import { istioDestinationRule } from "./policies/istio-destination-rule";
import { istioGateways } from "./policies/istio-gateways";
import { istioNamespaceLabel } from "./policies/istio-namespace-label";
import { istioServicePorts } from "./policies/istio-service-ports";
import { istioSidecarInjection } from "./policies/istio-sidecar-injection";
import { istioVirtualService } from "./policies/istio-virtual-service";
import { labels } from "./policies/labels";
import { managedRoutes } from "./policies/managed-routes";
import { podNameHash } from "./policies/pod-name-hash";
import { rolloutName } from "./policies/rollout-name";
import { serviceName } from "./policies/service-name";
import { serviceSelectors } from "./policies/service-selectors";
import { stepWeights } from "./policies/step-weights";
import { trafficServices } from "./policies/traffic-services";

export const PACK_NAME = "canary-delivery";

export const policies: Policies = [
    // Names
    rolloutName,
    componentName,
    serviceName,
    podNameHash,
    derivedNames,
    labels,
    // Istio prerequisites
    istioSidecarInjection,
    istioNamespaceLabel,
    istioServicePorts,
    istioVirtualService,
    istioDestinationRule,
    istioGateways,
    managedRoutes,
    trafficServices,
    serviceSelectors,
    // Canary sanity
    stepWeights,
    finalWeight,
    analysisRequired,
    indefinitePause,
];

export {
    analysisRequired,
    componentName,
    derivedNames,
    finalWeight,
    indefinitePause,
    istioDestinationRule,
    istioGateways,
    istioNamespaceLabel,
    istioServicePorts,
    istioSidecarInjection,
    istioVirtualService,
    labels,
    managedRoutes,
    podNameHash,
    rolloutName,
    serviceName,
    serviceSelectors,
    stepWeights,
    trafficServices,
};
