// Names for the parts of the generated CRD types that builders write piece by piece (the
// generator names whole kinds; these pick the nested shapes out of them, so they stay generated).
import type { Inputish, RolloutSpec } from "../generated/crds";

/** `spec.strategy.canary` of a Rollout. */
export type RolloutCanary = NonNullable<NonNullable<RolloutSpec["strategy"]>["canary"]>;
/** One Argo canary step (setWeight, pause, analysis, setHeaderRoute, ...). */
export type ArgoStep = NonNullable<RolloutCanary["steps"]>[number];
/** What a traffic router contributes to `spec.strategy.canary`: its Services and `trafficRouting`. */
export type RouterCanaryFields = Inputish<Pick<RolloutCanary, "stableService" | "canaryService" | "trafficRouting">>;
/** An argument an AnalysisRun is given (`spec.strategy.canary.analysis.args`, a step's analysis args). */
export type AnalysisRunArg = NonNullable<NonNullable<RolloutCanary["analysis"]>["args"]>[number];
/** A request match of a setHeaderRoute step. */
export type HeaderRouteMatch = NonNullable<NonNullable<ArgoStep["setHeaderRoute"]>["match"]>[number];
