// No traffic router: the canary's share of traffic is its share of pods (a replica-count canary).
// Argo must not be given Services here: it would rewrite their selectors for nothing.
import type { TrafficRouter } from "./router";

export const noRouter: TrafficRouter = {
    canaryFields: () => ({}),
    firstStageSteps: () => [],
    children: () => [],
};
