// The preset metrics of a release, from the module of their metric source.
import type { ResolvedAnalysis, ResolvedMetric } from "../../../resolve/model";
import { istioLatency, istioSuccessRate } from "./istio";
import { nginxLatency, nginxSuccessRate } from "./nginx";
import type { PresetMetric } from "./preset";

export function presetMetrics(a: ResolvedAnalysis): ResolvedMetric[] {
    const p = a.presets;
    if (!p) return [];
    const found: PresetMetric[] = [];
    if (p.successRate) {
        const { minPercent, windowSeconds } = p.successRate;
        found.push(p.source === "istio" ? istioSuccessRate(p.scope, minPercent, windowSeconds) : nginxSuccessRate(minPercent, windowSeconds));
    }
    if (p.latency) {
        const { maxMilliseconds, percentile, windowSeconds } = p.latency;
        found.push(p.source === "istio" ? istioLatency(p.scope, maxMilliseconds, percentile, windowSeconds) : nginxLatency(maxMilliseconds, percentile, windowSeconds));
    }
    return found.map((m) => ({ ...m, ...a.defaults }));
}
