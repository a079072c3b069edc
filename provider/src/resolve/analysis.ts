// Defaults of the analysis: which presets run against which metrics, custom metrics with the
// analysis-wide defaults, where header values are read from, background or per stage.
import type { CanaryDeliveryArgs, PrometheusHeader, Webhook } from "../args";
import { DEFAULT_LOAD_TEST_NAME, headerArgName, MIN_PRESET_WINDOW_SECONDS, webhookHeaderArgName } from "../core/analysis-args";
import { goDurationSeconds } from "../core/duration";
import { stagesOf } from "../core/progression";
import { gateTemplateName } from "../names";
import type { ResolvedAnalysis, ResolvedHeader, ResolvedWebhook } from "./model";
import type { AnyRouting } from "../routers";

export const DEFAULT_INTERVAL = "1m";
export const DEFAULT_STEP_COUNT = 5;
export const DEFAULT_MIN_SUCCESS_PERCENT = 99;
export const DEFAULT_MAX_LATENCY_MS = 500;
export const DEFAULT_LATENCY_PERCENTILE = 99;

/** A preset's window: as set, else the measurement interval (as Flagger's window is its metric's interval), at least the floor. */
function windowSeconds(window: string | undefined, interval: string): number {
    return Math.max(goDurationSeconds(window ?? interval) ?? 0, MIN_PRESET_WINDOW_SECONDS);
}

export function resolveAnalysis(args: CanaryDeliveryArgs, release: string, routing: { routing: AnyRouting; block: unknown }): ResolvedAnalysis | undefined {
    const a = args.analysis;
    if (!a) return undefined;
    const defaults = {
        interval: a.interval ?? DEFAULT_INTERVAL,
        // Flagger's threshold counts the failed check that rolls back; Argo's failureLimit counts the
        // failures tolerated before it, per metric (see `threshold` in args.ts for how they differ).
        failureLimit: a.failureLimit ?? (a.threshold !== undefined ? a.threshold - 1 : 0),
        inconclusiveLimit: a.inconclusiveLimit ?? 0,
        consecutiveErrorLimit: a.consecutiveErrorLimit,
    };
    // Every header value given inline, of the Prometheus queries and of the webhooks, goes into one Secret.
    const secretName = `${release}-analysis-auth`;
    const headerSecretData: Record<string, NonNullable<PrometheusHeader["value"]>> = {};
    const header = (h: PrometheusHeader, arg: string): ResolvedHeader => {
        if (h.secretKeyRef) return { name: h.name, arg, secret: { name: h.secretKeyRef.name, key: h.secretKeyRef.key } };
        headerSecretData[arg] = h.value!;
        return { name: h.name, arg, secret: { name: secretName, key: arg } };
    };
    const headers = (a.prometheus?.headers ?? []).map((h, i) => header(h, headerArgName(i)));
    const webhook = (w: Webhook, i: number): ResolvedWebhook => ({
        name: w.name,
        url: w.url,
        method: w.method ?? (w.body !== undefined ? "POST" : "GET"),
        headers: (w.headers ?? []).map((h, j) => header(h, webhookHeaderArgName(i, j))),
        body: w.body,
        jsonPath: w.jsonPath,
        successCondition: w.successCondition,
        failureCondition: w.failureCondition,
        timeoutSeconds: w.timeout === undefined ? undefined : goDurationSeconds(w.timeout),
    });
    const webhooks = (a.webhooks ?? []).map((w, i) => ({ w, resolved: webhook(w, i) }));
    // Gates have templates of their own: an analysis of gates alone measures nothing in the background.
    const measures = a.successRate !== undefined || a.latency !== undefined || (a.metrics ?? []).length > 0 || a.loadTest !== undefined ||
        (a.webhooks ?? []).some((w) => (w.type ?? "check") === "check");
    const atSteps = measures && stagesOf(args).some((s) => s.analysis === true);
    const background = !measures ? undefined : a.background ? { startingStep: a.background.startingStep ?? 0 } : atSteps ? undefined : { startingStep: 0 };
    const { source, byPods } = routing.routing.presets(routing.block, a.presetSource);
    const presets = a.successRate || a.latency
        ? {
              source,
              scope: byPods ? ("pods" as const) : ("service" as const),
              successRate: a.successRate && {
                  minPercent: a.successRate.minPercent ?? DEFAULT_MIN_SUCCESS_PERCENT,
                  windowSeconds: windowSeconds(a.successRate.window, defaults.interval),
              },
              latency: a.latency && {
                  maxMilliseconds: a.latency.maxMilliseconds ?? DEFAULT_MAX_LATENCY_MS,
                  percentile: a.latency.percentile ?? DEFAULT_LATENCY_PERCENTILE,
                  windowSeconds: windowSeconds(a.latency.window, defaults.interval),
              },
          }
        : undefined;
    return {
        address: a.prometheus?.address,
        timeoutSeconds: a.prometheus?.timeoutSeconds,
        insecure: a.prometheus?.insecure === true,
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
        checks: webhooks.filter(({ w }) => (w.type ?? "check") === "check")
            .map(({ resolved }) => ({
                ...resolved,
                interval: defaults.interval,
                failureLimit: defaults.failureLimit,
                // A failing webhook answers non-2xx, an error to Argo: unless errors have a limit of
                // their own, it is held to the failures' limit, as Flagger counts it a failed check.
                consecutiveErrorLimit: defaults.consecutiveErrorLimit ?? defaults.failureLimit,
            })),
        gates: webhooks.filter(({ w }) => w.type === "gate")
            .map(({ w, resolved }) => ({ ...resolved, stage: w.stage ?? 0, template: gateTemplateName(release, w.name) })),
        loadTest: a.loadTest && {
            name: a.loadTest.name ?? DEFAULT_LOAD_TEST_NAME,
            image: a.loadTest.image,
            command: a.loadTest.command,
            args: a.loadTest.args,
            activeDeadlineSeconds: a.loadTest.activeDeadlineSeconds,
            interval: defaults.interval,
            failureLimit: defaults.failureLimit,
        },
        defaults,
        stepCount: a.count ?? DEFAULT_STEP_COUNT,
        background,
        templates: {
            background: background ? `${release}-background-analysis` : undefined,
            step: atSteps ? `${release}-step-analysis` : undefined,
        },
    };
}
