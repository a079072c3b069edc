// The AnalysisTemplates of a release: one for background analysis, one for stage analysis (a
// stage's metrics need a count, background ones must not have one), and the Secret with header
// values given inline.
import type { Resolved, ResolvedAnalysis } from "../../resolve/model";
import { BuildEnv, Child, metadata, pruned } from "../../core/manifest";
import type { AnalysisTemplate } from "../../generated/crds";
import { ANALYSIS_ARGS, headerArgName } from "../../core/analysis-args";
import { presetMetrics } from "./presets";
import { prometheusMetric, Usage } from "./prometheus";
import { ROLE } from "../../core/roles";

export function buildAnalysis(r: Resolved, env: BuildEnv): Child[] {
    const a = r.analysis;
    if (!a) return [];
    const children: Child[] = [];
    if (a.headerSecret) {
        const data = Object.fromEntries(Object.entries(a.headerSecret.data).map(([k, v]) => [k, env.secret(v)]));
        children.push({
            role: ROLE.analysisSecret,
            kind: "Secret",
            manifest: { apiVersion: "v1", kind: "Secret", metadata: metadata(r, a.headerSecret.name, env), type: "Opaque", stringData: data },
        });
    }
    if (a.templates.background) children.push(template(r, a, env, "background", a.templates.background));
    if (a.templates.step) children.push(template(r, a, env, "step", a.templates.step));
    return children;
}

function template(r: Resolved, a: ResolvedAnalysis, env: BuildEnv, usage: Usage, name: string): Child {
    // Typed as the AnalysisTemplate CRD says: a wrong or misspelt field fails to compile.
    const manifest: AnalysisTemplate = {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "AnalysisTemplate",
        metadata: metadata(r, name, env),
        spec: {
            args: [
                ...ANALYSIS_ARGS.map((arg) => ({ name: arg })),
                ...a.headers.map((h, i) => ({ name: headerArgName(i), valueFrom: { secretKeyRef: { name: h.secret.name, key: h.secret.key } } })),
            ],
            metrics: [...presetMetrics(a), ...a.metrics].map((m) => prometheusMetric(a, m, usage)),
        },
    };
    return { role: usage === "background" ? ROLE.backgroundAnalysis : ROLE.stepAnalysis, kind: "AnalysisTemplate", manifest: pruned(manifest) };
}
