// No traffic router: the canary's share of traffic is its share of pods (a replica-count canary).
// Argo must not be given Services here: it would rewrite their selectors for nothing. It is the
// fallback when no router's property is set, so it has no property, shape or rules of its own.
import type { Routing } from "./contract";

export const NO_ROUTER_KIND = "none";

export const noRouter: Routing<undefined, { kind: typeof NO_ROUTER_KIND }> = {
    key: NO_ROUTER_KIND,
    services: (_block, args) => (args.service ? "one" : "none"),
    serviceWords: { one: "no traffic router" },
    rules: () => [],
    // Only a mesh sees a replica-count canary's requests, and only by pod name.
    presets: (_block, source) => ({ source: source ?? "istio", byPods: (source ?? "istio") === "istio" }),
    resolve: () => ({ kind: NO_ROUTER_KIND }),
    canaryFields: () => ({}),
    firstStageSteps: () => [],
    children: () => [],
    planNote: () => undefined,
    controllerObjects: () => [],
    userObjects: () => [],
    outputs: () => ({}),
};
