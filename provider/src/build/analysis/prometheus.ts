// One metric of an AnalysisTemplate with the Prometheus provider. Header values are template
// arguments read from a Secret, so the template itself never holds a credential.
import type { ResolvedAnalysis, ResolvedMetric } from "../../resolve/model";
import type { AnalysisTemplateSpec, Inputish } from "../../generated/crds";

export type AnalysisMetric = Inputish<NonNullable<AnalysisTemplateSpec["metrics"]>[number]>;
import { headerArgName } from "../../core/analysis-args";

export type Usage = "background" | "step";

/** One metric of an AnalysisTemplate (undefined fields are pruned with the template). */
export function prometheusMetric(a: ResolvedAnalysis, m: ResolvedMetric, usage: Usage): AnalysisMetric {
    // A stage analysis must end for the stage to end; in the background a metric runs until the
    // release completes unless the user gave it a count.
    const count = usage === "step" ? m.count ?? a.stepCount : m.count;
    return {
        name: m.name,
        interval: m.interval,
        initialDelay: m.initialDelay,
        count,
        successCondition: m.successCondition,
        failureCondition: m.failureCondition,
        failureLimit: m.failureLimit,
        inconclusiveLimit: m.inconclusiveLimit,
        consecutiveErrorLimit: m.consecutiveErrorLimit,
        provider: {
            prometheus: {
                address: a.address,
                query: m.query,
                timeout: a.timeoutSeconds,
                insecure: a.insecure || undefined,
                headers: a.headers.length ? a.headers.map((h, i) => ({ key: h.name, value: `{{args.${headerArgName(i)}}}` })) : undefined,
            },
        },
    };
}
