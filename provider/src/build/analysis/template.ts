// The AnalysisTemplates of a release: one for background analysis, one for stage analysis (a
// stage's metrics need a count, background ones must not have one), one per webhook gate, and the
// Secret with header values given inline.
import type { Resolved, ResolvedAnalysis, ResolvedGate, ResolvedHeader } from "../../resolve/model";
import { BuildEnv, Child, metadata, pruned } from "../../core/manifest";
import type { AnalysisTemplate } from "../../generated/crds";
import { ANALYSIS_ARGS } from "../../core/analysis-args";
import { presetMetrics } from "./presets";
import { prometheusMetric, Usage } from "./prometheus";
import { gateRole, ROLE } from "../../core/roles";
import { checkMetric, gateMetric, loadTestMetric } from "./web";

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
    for (const gate of a.gates) children.push(gateTemplate(r, gate, env));
    return children;
}

/** The arguments a template declares: the release's, then a Secret reference per header it sends. */
function templateArgs(headers: ResolvedHeader[]) {
    return [
        ...ANALYSIS_ARGS.map((arg) => ({ name: arg })),
        ...headers.map((h) => ({ name: h.arg, valueFrom: { secretKeyRef: { name: h.secret.name, key: h.secret.key } } })),
    ];
}

/** A gate's own template: a stage's analysis step runs it once before the stage's weight is set. */
function gateTemplate(r: Resolved, gate: ResolvedGate, env: BuildEnv): Child {
    const manifest: AnalysisTemplate = {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "AnalysisTemplate",
        metadata: metadata(r, gate.template, env),
        spec: { args: templateArgs(gate.headers), metrics: [gateMetric(gate)] },
    };
    return { role: gateRole(gate.name), kind: "AnalysisTemplate", manifest: pruned(manifest) };
}

function template(r: Resolved, a: ResolvedAnalysis, env: BuildEnv, usage: Usage, name: string): Child {
    // Typed as the AnalysisTemplate CRD says: a wrong or misspelt field fails to compile.
    const manifest: AnalysisTemplate = {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "AnalysisTemplate",
        metadata: metadata(r, name, env),
        spec: {
            args: templateArgs([...a.headers, ...a.checks.flatMap((c) => c.headers)]),
            metrics: [
                ...[...presetMetrics(a), ...a.metrics].map((m) => prometheusMetric(a, m, usage)),
                ...a.checks.map((c) => checkMetric(c, usage, a.stepCount)),
                ...(a.loadTest ? [loadTestMetric(a.loadTest, usage, a.stepCount)] : []),
            ],
        },
    };
    return { role: usage === "background" ? ROLE.backgroundAnalysis : ROLE.stepAnalysis, kind: "AnalysisTemplate", manifest: pruned(manifest) };
}
