// Defaults of the analysis: which presets run against which metrics, custom metrics with the
// analysis-wide defaults, where header values are read from, background or per stage.
import type { CanaryDeliveryArgs } from "../args";
import { headerArgName } from "../core/analysis-args";
import type { ResolvedAnalysis, ResolvedHeader } from "./model";
import type { AnyRouting } from "../routers";

export const DEFAULT_INTERVAL = "1m";
export const DEFAULT_STEP_COUNT = 5;
export const DEFAULT_MIN_SUCCESS_PERCENT = 99;
export const DEFAULT_MAX_LATENCY_MS = 500;
export const DEFAULT_LATENCY_PERCENTILE = 99;

export function resolveAnalysis(args: CanaryDeliveryArgs, release: string, routing: { routing: AnyRouting; block: unknown }): ResolvedAnalysis | undefined {
    const a = args.analysis;
    if (!a) return undefined;
    const defaults = {
        interval: a.interval ?? DEFAULT_INTERVAL,
        failureLimit: a.failureLimit ?? 0,
        inconclusiveLimit: a.inconclusiveLimit ?? 0,
        consecutiveErrorLimit: a.consecutiveErrorLimit,
    };
    const secretName = `${release}-analysis-auth`;
    const headerSecretData: Record<string, NonNullable<(typeof a.prometheus.headers & object)[number]["value"]>> = {};
    const headers: ResolvedHeader[] = (a.prometheus.headers ?? []).map((h, i) => {
        if (h.secretKeyRef) return { name: h.name, secret: { name: h.secretKeyRef.name, key: h.secretKeyRef.key } };
        headerSecretData[headerArgName(i)] = h.value!;
        return { name: h.name, secret: { name: secretName, key: headerArgName(i) } };
    });
    const atSteps = args.steps.some((s) => s.analysis === true);
    const background = a.background ? { startingStep: a.background.startingStep ?? 0 } : atSteps ? undefined : { startingStep: 0 };
    const { source, byPods } = routing.routing.presets(routing.block, a.presetSource);
    const presets = a.successRate || a.latency
        ? {
              source,
              scope: byPods ? ("pods" as const) : ("service" as const),
              successRate: a.successRate && { minPercent: a.successRate.minPercent ?? DEFAULT_MIN_SUCCESS_PERCENT },
              latency: a.latency && {
                  maxMilliseconds: a.latency.maxMilliseconds ?? DEFAULT_MAX_LATENCY_MS,
                  percentile: a.latency.percentile ?? DEFAULT_LATENCY_PERCENTILE,
              },
          }
        : undefined;
    return {
        address: a.prometheus.address,
        timeoutSeconds: a.prometheus.timeoutSeconds,
        insecure: a.prometheus.insecure === true,
        headers,
        headerSecret: Object.keys(headerSecretData).length ? { name: secretName, data: headerSecretData } : undefined,
        presets,
        metrics: (a.metrics ?? []).map((m) => ({
            name: m.name,
            query: m.query,
            successCondition: m.successCondition,
            failureCondition: m.failureCondition,
            interval: m.interval ?? defaults.interval,
            initialDelay: m.initialDelay,
            count: m.count,
            failureLimit: m.failureLimit ?? defaults.failureLimit,
            inconclusiveLimit: m.inconclusiveLimit ?? defaults.inconclusiveLimit,
            consecutiveErrorLimit: m.consecutiveErrorLimit ?? defaults.consecutiveErrorLimit,
        })),
        defaults,
        stepCount: a.count ?? DEFAULT_STEP_COUNT,
        background,
        templates: {
            background: background ? `${release}-background-analysis` : undefined,
            step: atSteps ? `${release}-step-analysis` : undefined,
        },
    };
}
