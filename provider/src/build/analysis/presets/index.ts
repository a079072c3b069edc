// The preset metrics of a release, from the module of their metric source.
import type { ResolvedAnalysis, ResolvedMetric } from "../../../resolve/model";
import { istioLatency, istioSuccessRate } from "./istio";
import { nginxLatency, nginxSuccessRate } from "./nginx";
import type { PresetMetric } from "./preset";

export function presetMetrics(a: ResolvedAnalysis): ResolvedMetric[] {
    const p = a.presets;
    if (!p) return [];
    const { interval } = a.defaults;
    const found: PresetMetric[] = [];
    if (p.successRate) {
        found.push(p.source === "istio" ? istioSuccessRate(p.scope, p.successRate.minPercent, interval) : nginxSuccessRate(p.successRate.minPercent, interval));
    }
    if (p.latency) {
        const { maxMilliseconds, percentile } = p.latency;
        found.push(p.source === "istio" ? istioLatency(p.scope, maxMilliseconds, percentile, interval) : nginxLatency(maxMilliseconds, percentile, interval));
    }
    return found.map((m) => ({ ...m, ...a.defaults }));
}
