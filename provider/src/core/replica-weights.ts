// How a replica-count canary (no traffic router) approximates a weight with whole pods: the
// Argo controller's approximateWeightedCanaryStableReplicaCounts (utils/replicaset/canary.go),
// so the component can warn when a stage's weight is far from what the pods will give.

export interface PodSplit {
    canary: number;
    stable: number;
    /** Share of pods that are canary, in percent. */
    actualPercent: number;
}

export function approximatePodSplit(replicas: number, weight: number, canSurge: boolean): PodSplit {
    if (replicas === 0) return { canary: 0, stable: 0, actualPercent: 0 };
    const ceil = Math.ceil((replicas * weight) / 100);
    const floor = Math.floor((replicas * weight) / 100);
    const tied = (total: number) => ((total * weight) / 100) % 1 === 0.5;
    const zeroAllowed = weight === 100 || weight === 0 || (replicas === 1 && !canSurge);
    const options: { canary: number; total: number }[] = [];
    if (ceil < replicas || zeroAllowed) options.push({ canary: ceil, total: replicas });
    if (!tied(replicas) && (floor !== 0 || zeroAllowed)) options.push({ canary: floor, total: replicas });
    if (canSurge) {
        options.push({ canary: ceil, total: replicas + 1 });
        if (!tied(replicas + 1) && (floor !== 0 || zeroAllowed)) options.push({ canary: floor, total: replicas + 1 });
    }
    if (options.length === 0) return { canary: 0, stable: replicas, actualPercent: 0 };
    const delta = (o: { canary: number; total: number }) => Math.abs((o.canary * 100) / o.total - weight);
    const best = options.reduce((a, b) => (delta(b) < delta(a) ? b : a));
    return { canary: best.canary, stable: best.total - best.canary, actualPercent: (best.canary * 100) / best.total };
}

/** Whether maxSurge (Argo's default "25%") lets the controller run one pod more than `replicas`. */
export function surgeAllowed(maxSurge: string | undefined, replicas: number): boolean {
    const value = maxSurge ?? "25%";
    return value.endsWith("%") ? Math.ceil((replicas * Number(value.slice(0, -1))) / 100) > 0 : Number(value) > 0;
}
