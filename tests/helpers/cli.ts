// Rollouts and observations as the CLI reads them, for its unit specs: a three-stage release
// (25% until promoted, 50% for 5s, 100%) laid out by the component, in the state a spec names.
import { LAYOUT_ANNOTATION } from "../../provider/src/lifecycle/layout";
import { LiveRollout, PodCount, progressOf } from "../../provider/src/lifecycle/progress";
import { layoutOfRollout } from "../../provider/src/lifecycle/layout";
import type { CliRollout, Observation } from "../../provider/src/cli/observe";
import type { Release } from "../../provider/src/cli/releases";
import { stageLabels } from "../../provider/src/cli/stages";

export const STEPS = [{ setWeight: 25 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: "5s" } }];

export const SHOP: Release = {
    component: "shop", name: "shop", namespace: "default",
    cluster: { known: true, target: { kubeconfig: "/home/ci/.kube/config" }, via: 'Kubernetes provider "default_4_25_0"' },
};

export function rollout(status: NonNullable<LiveRollout["status"]>, opts: { generation?: number; paused?: boolean } = {}): CliRollout {
    const generation = opts.generation ?? 2;
    return {
        metadata: { name: "shop", namespace: "default", generation, annotations: { [LAYOUT_ANNOTATION]: "0,2/4" } },
        spec: { paused: opts.paused, strategy: { canary: { steps: STEPS } }, template: { spec: { containers: [{ name: "app", image: "shop:2" }] } } },
        status: { observedGeneration: String(generation), stableRS: "s1", currentPodHash: "c2", ...status },
    };
}

/** Where the release stands, by name. */
export const AT = {
    stale: () => rollout({ phase: "Healthy", stableRS: "c2", currentPodHash: "c2", observedGeneration: "2" }, { generation: 3 }),
    progressing: () => rollout({ phase: "Progressing", currentStepIndex: 0 }),
    gate: () => rollout({ phase: "Paused", currentStepIndex: 1, pauseConditions: [{ reason: "CanaryPauseStep" }], canary: { weights: { canary: { weight: 25 } } } }),
    timedPause: () => rollout({ phase: "Paused", currentStepIndex: 3, pauseConditions: [{ reason: "CanaryPauseStep" }], canary: { weights: { canary: { weight: 50 } } } }),
    inconclusive: () => rollout({ phase: "Paused", currentStepIndex: 1, pauseConditions: [{ reason: "InconclusiveAnalysisRun" }], canary: { currentStepAnalysisRunStatus: { status: "Inconclusive" } } }),
    healthy: () => rollout({ phase: "Healthy", currentStepIndex: 4, stableRS: "c2", currentPodHash: "c2" }),
    aborted: () => rollout({ phase: "Degraded", abort: true, currentStepIndex: 0, message: "RolloutAborted: Rollout aborted update to revision 2" }),
    degraded: () => rollout({ phase: "Degraded", currentStepIndex: 2, message: "ProgressDeadlineExceeded: ReplicaSet \"shop-c2\" has timed out progressing." }),
};

export function observation(r: CliRollout, pods?: { canary?: PodCount; stable?: PodCount }, release: Release = SHOP): Observation {
    const layout = layoutOfRollout(r);
    return {
        release, namespace: "default", server: "https://127.0.0.1:6443", rollout: r, pods,
        progress: progressOf(r, layout, pods),
        stages: stageLabels(r.spec?.strategy?.canary?.steps ?? [], layout),
        images: ["shop:2"],
    };
}
