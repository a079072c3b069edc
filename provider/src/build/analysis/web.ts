// Webhooks as metrics of Argo's web provider. Header values are template arguments read from a
// Secret, as for Prometheus, so no AnalysisTemplate holds a credential. Argo marks a call that
// answers other than 2xx (or times out) as an error, not a failure: errors count against
// consecutiveErrorLimit, so a check's limit defaults to its failureLimit and a gate's is 0 (the first
// error aborts).
import type { ResolvedCheck, ResolvedGate, ResolvedLoadTest, ResolvedWebhook } from "../../resolve/model";
import type { AnalysisTemplateSpec, Inputish } from "../../generated/crds";
import type { AnalysisMetric, Usage } from "./prometheus";

type MetricProvider = Inputish<NonNullable<AnalysisTemplateSpec["metrics"]>[number]["provider"]>;

function webProvider(w: ResolvedWebhook): MetricProvider {
    return {
        web: {
            url: w.url,
            method: w.method,
            headers: w.headers.length ? w.headers.map((h) => ({ key: h.name, value: `{{args.${h.arg}}}` })) : undefined,
            ...bodyOf(w.body),
            jsonPath: w.jsonPath,
            timeoutSeconds: w.timeoutSeconds,
        },
    };
}

/**
 * A body that is a JSON object goes as Argo's `jsonBody`, which also sends Content-Type:
 * application/json (Flagger's webhooks post JSON); any other body as the text it is.
 */
function bodyOf(body: string | undefined): { body?: string; jsonBody?: Record<string, unknown> } {
    if (body === undefined) return {};
    try {
        const parsed: unknown = JSON.parse(body);
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return { jsonBody: parsed as Record<string, unknown> };
    } catch {
        // not JSON: sent as text
    }
    return { body };
}

/** A check: measured like a metric, `stepCount` times at a stage and until the release ends in the background. */
export function checkMetric(c: ResolvedCheck, usage: Usage, stepCount: number): AnalysisMetric {
    return {
        name: c.name,
        interval: c.interval,
        count: usage === "step" ? stepCount : undefined,
        successCondition: c.successCondition,
        failureCondition: c.failureCondition,
        failureLimit: c.failureLimit,
        consecutiveErrorLimit: c.consecutiveErrorLimit,
        provider: webProvider(c),
    };
}

/** A gate: one call, and any error or failure aborts the release. */
export function gateMetric(g: ResolvedGate): AnalysisMetric {
    return {
        name: g.name,
        count: 1,
        successCondition: g.successCondition,
        failureCondition: g.failureCondition,
        failureLimit: 0,
        consecutiveErrorLimit: 0,
        provider: webProvider(g),
    };
}

/** The load test: a Job per measurement; a Job that fails (or runs past its deadline) is a failed measurement. */
export function loadTestMetric(l: ResolvedLoadTest, usage: Usage, stepCount: number): AnalysisMetric {
    return {
        name: l.name,
        interval: l.interval,
        count: usage === "step" ? stepCount : undefined,
        failureLimit: l.failureLimit,
        provider: {
            job: {
                spec: {
                    // One try: a retried load test would hide the failure the measurement is for.
                    backoffLimit: 0,
                    activeDeadlineSeconds: l.activeDeadlineSeconds,
                    template: {
                        spec: {
                            restartPolicy: "Never",
                            containers: [{ name: l.name, image: l.image, command: l.command, args: l.args }],
                        },
                    },
                },
            },
        },
    };
}
