// One small interface per traffic router, chosen by which block the user set (as Argo chooses
// its router by which field of trafficRouting is set).
import type { Resolved } from "../../resolve/model";
import type { BuildEnv, Child } from "../manifest";

export interface TrafficRouter {
    /** Fields of `spec.strategy.canary`: the Services and `trafficRouting`. */
    canaryFields(r: Resolved): Record<string, unknown>;
    /** Argo steps added at the start of the first stage (e.g. a managed header route). */
    firstStageSteps(r: Resolved): object[];
    /** Objects the component creates for this router. */
    children(r: Resolved, env: BuildEnv): Child[];
}
