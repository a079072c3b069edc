// The Istio router: the Rollout drives the weights of a VirtualService between two Services
// (host split) or two DestinationRule subsets of one Service (subset split).
import type { RouterModule } from "../contract";
import { describeMatch, matchesNote } from "../matches";
import { istioCanaryFields, istioChildren, istioFirstStageSteps } from "./build";
import type { ResolvedIstio } from "./model";
import { resolveIstio } from "./resolve";
import { istioRules } from "./rules";
import { istioSchema } from "./schema";

export const istioRouter: RouterModule<"istio", ResolvedIstio> = {
    key: "istio",
    schema: istioSchema,
    services: (istio) => (istio.split === "subset" ? "one" : "two"),
    serviceWords: { two: "an istio host split", one: "an istio subset split" },
    rules: istioRules,
    // A subset split shares one Service between stable and canary pods: only pod names tell them apart.
    presets: (istio, source) => ({ source: source ?? "istio", byPods: (source ?? "istio") === "istio" && istio.split === "subset" }),
    resolve: resolveIstio,
    canaryFields: istioCanaryFields,
    firstStageSteps: (_r, t) => istioFirstStageSteps(t),
    children: istioChildren,
    // Every match is an alternative: the managed route's entries and the uri route are each enough.
    planNote: (t) => matchesNote([...t.headerMatches, ...t.uriMatches].map(describeMatch)),
    controllerObjects: () => [],
    userObjects: (t) => [
        ...(!t.virtualService.create ? [{ kind: "VirtualService", name: t.virtualService.name }] : []),
        ...(t.destinationRule && !t.destinationRule.create ? [{ kind: "DestinationRule", name: t.destinationRule.name }] : []),
    ],
    outputs: (t) => ({ virtualServiceName: t.virtualService.name }),
};
