// Step 3 of the pipeline: every object of a release, as plain manifests with how to register
// them. Pure: unit tests hold these against golden files and the real CRD schemas.
import type { Resolved } from "../resolve/model";
import type { ObjectRef } from "../routers/contract";
import type { StepLayout } from "../core/status";
import { buildAnalysis } from "./analysis/template";
import { buildAutoscaler } from "./autoscaler";
import { buildHandBack } from "./handback";
import { BuildEnv, Child, plainEnv } from "../core/manifest";
import { describePlan, Plan } from "./plan";
import { buildRollout } from "./rollout";
import { buildServices } from "./services";
import { argoSteps } from "./steps";
import { routingFor } from "../routers";

export interface ReleaseManifests {
    /** In registration order: the Rollout depends on what precedes it, what follows depends on it. */
    children: Child[];
    plan: Plan;
    /** How stages map to Argo steps (for the live status). */
    layout: StepLayout;
    /** Objects the Argo controller creates from ours (for the names output). */
    controllerObjects: ObjectRef[];
}

export function buildRelease(r: Resolved, env: BuildEnv = plainEnv): ReleaseManifests {
    const router = routingFor(r);
    const steps = argoSteps(r, router.firstStageSteps(r, r.traffic));
    const rollout = buildRollout(r, env, router, steps);
    // The hand-back patch comes after the Rollout: the controller must have stopped scaling the
    // Deployment down (scaleDown: never) before its replicas are given back, or it could undo them.
    const children = [
        ...buildServices(r, env),
        ...router.children(r, r.traffic, env),
        ...buildAnalysis(r, env),
        rollout,
        ...buildAutoscaler(r, env),
        ...buildHandBack(r),
    ];
    const controllerObjects = router.controllerObjects(r.traffic);
    return { children, plan: describePlan(r), layout: { stageStart: steps.stageStart, argoStepCount: steps.steps.length }, controllerObjects };
}

export type { BuildEnv, BuiltinKind, Child, ChildKind, Manifest } from "../core/manifest";
export { plainEnv } from "../core/manifest";
