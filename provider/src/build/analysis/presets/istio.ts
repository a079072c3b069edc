// Istio presets, from Istio's standard metrics. A host split (or Nginx in front of a mesh) tells
// canary traffic apart by its Service; a subset split or a replica-count canary only by its pods,
// whose names start with `<rollout>-<canary hash>-` (the name rules make sure they keep the hash).
import type { ResolvedPresets } from "../../../resolve/model";
import { PRESET_METRIC_NAMES } from "../../../core/analysis-args";
import type { PresetMetric } from "./preset";
import { passWhenNoData, rateWindow, ratio } from "./window";

function canarySelector(scope: ResolvedPresets["scope"]): string {
    return scope === "service"
        ? 'reporter="source",destination_service_name="{{args.canary-service}}",destination_service_namespace="{{args.namespace}}"'
        : 'reporter="destination",destination_workload_namespace="{{args.namespace}}",pod=~"{{args.rollout}}-{{args.canary-hash}}-.*"';
}

export function istioSuccessRate(scope: ResolvedPresets["scope"], minPercent: number, windowSeconds: number): PresetMetric {
    const sel = canarySelector(scope);
    const w = rateWindow(windowSeconds);
    return {
        name: PRESET_METRIC_NAMES.successRate,
        query: `sum(irate(istio_requests_total{${sel},response_code!~"5.*"}[${w}])) / sum(irate(istio_requests_total{${sel}}[${w}]))`,
        successCondition: passWhenNoData(`result[0] >= ${ratio(minPercent)}`),
    };
}

export function istioLatency(scope: ResolvedPresets["scope"], maxMilliseconds: number, percentile: number, windowSeconds: number): PresetMetric {
    const w = rateWindow(windowSeconds);
    return {
        name: PRESET_METRIC_NAMES.latency,
        query: `histogram_quantile(${ratio(percentile)}, sum by (le) (irate(istio_request_duration_milliseconds_bucket{${canarySelector(scope)}}[${w}])))`,
        successCondition: passWhenNoData(`result[0] <= ${maxMilliseconds}`),
    };
}
