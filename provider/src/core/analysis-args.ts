// The arguments every AnalysisTemplate declares and the Rollout passes: custom queries may use
// them as {{args.<name>}}. One list so the templates, the Rollout and the query check agree.
export const ANALYSIS_ARGS = ["namespace", "rollout", "canary-hash", "stable-hash", "canary-service", "stable-service"] as const;
export type AnalysisArg = (typeof ANALYSIS_ARGS)[number];

/** Names of the metrics the presets create; custom metrics may not reuse them. */
export const PRESET_METRIC_NAMES = { successRate: "success-rate", latency: "latency" } as const;

/**
 * The least rate() range of a preset query, in seconds: rate() and irate() need two samples inside
 * the range, and Prometheus commonly scrapes every 15 to 30s, so a shorter range may hold one sample
 * and return nothing, which the presets count as a pass (no traffic) and so would hide a failing
 * canary. The parser holds a window the user sets to it; the default window is raised to it.
 */
export const MIN_PRESET_WINDOW_SECONDS = 60;

/** Template arguments that carry Prometheus header values out of a Secret. */
export const headerArgName = (index: number) => `header-${index}`;

/** Template arguments (and keys of the same Secret) that carry webhook header values. */
export const webhookHeaderArgName = (webhook: number, index: number) => `webhook-${webhook}-header-${index}`;

/** Name of the load test's metric when it names none. */
export const DEFAULT_LOAD_TEST_NAME = "load-test";

/** `{{args.x}}` references in a query. */
export function referencedArgs(query: string): string[] {
    return [...query.matchAll(/\{\{\s*args\.([^}\s]+)\s*\}\}/g)].map((m) => m[1]);
}
