// ingress-nginx presets: requests the controller sent to the canary Service (its `service` label).
import { PRESET_METRIC_NAMES } from "../../../core/analysis-args";
import type { PresetMetric } from "./preset";
import { passWhenNoData, rateWindow, ratio } from "./window";

const CANARY = 'namespace="{{args.namespace}}",service="{{args.canary-service}}"';

export function nginxSuccessRate(minPercent: number, windowSeconds: number): PresetMetric {
    const w = rateWindow(windowSeconds);
    return {
        name: PRESET_METRIC_NAMES.successRate,
        query: `sum(rate(nginx_ingress_controller_requests{${CANARY},status!~"5.*"}[${w}])) / sum(rate(nginx_ingress_controller_requests{${CANARY}}[${w}]))`,
        successCondition: passWhenNoData(`result[0] >= ${ratio(minPercent)}`),
    };
}

export function nginxLatency(maxMilliseconds: number, percentile: number, windowSeconds: number): PresetMetric {
    const w = rateWindow(windowSeconds);
    return {
        name: PRESET_METRIC_NAMES.latency,
        query: `histogram_quantile(${ratio(percentile)}, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket{${CANARY}}[${w}]))) * 1000`,
        successCondition: passWhenNoData(`result[0] <= ${maxMilliseconds}`),
    };
}
