// Rules about the analysis: something to measure, presets that match the router, custom metrics
// Argo can evaluate, header values from exactly one place.
import { ANALYSIS_ARGS, PRESET_METRIC_NAMES, referencedArgs } from "../../core/analysis-args";
import { stagesOf } from "../../core/progression";
import { routingOf } from "../../routers";
import { exactlyOne, isObj, list, listed, Problem, quote, RuleContext } from "./problem";

/** An argument name as written, cut like any echo. */
const quoteless = (name: string) => quote(name).slice(1, -1);

export function analysisRules({ args }: RuleContext): Problem[] {
    const a = args.analysis;
    if (!isObj(a)) return [];
    const problems: Problem[] = [];
    const metrics = list(a.metrics);
    const presets = a.successRate !== undefined || a.latency !== undefined;
    if (!presets && metrics.length === 0) {
        problems.push({ path: "analysis", reason: "must define at least one metric: successRate, latency or metrics" });
    }
    const { routing, routed } = routingOf(args);
    if (presets && a.presetSource === undefined && !routed) {
        problems.push({ path: "analysis.presetSource", reason: 'must be set for the successRate and latency presets without a traffic router ("istio" for a meshed replica-count canary)' });
    }
    if (a.presetSource === "nginx" && routing.key !== "nginx") {
        problems.push({ path: "analysis.presetSource", reason: "nginx metrics need nginx routing: only its canary Ingress carries the canary's traffic" });
    }
    const names = new Map<string, string>(Object.values(PRESET_METRIC_NAMES).map((n) => [n, "a preset"]));
    metrics.forEach((m, i) => {
        if (!isObj(m)) return;
        const path = `analysis.metrics[${i}]`;
        if (names.has(m.name)) problems.push({ path: `${path}.name`, reason: `must be unique; ${quote(m.name)} is also ${names.get(m.name)}` });
        names.set(m.name, `metrics[${i}]`);
        if (m.successCondition === undefined && m.failureCondition === undefined) {
            problems.push({ path, reason: "must set successCondition or failureCondition (or both)" });
        }
        if (typeof m.query === "string") {
            const unknown = referencedArgs(m.query).filter((arg) => !(ANALYSIS_ARGS as readonly string[]).includes(arg));
            if (unknown.length) {
                problems.push({ path: `${path}.query`, reason: `uses unknown argument(s) ${listed(unknown.map((u) => `{{args.${quoteless(u)}}}`))}; available: ${ANALYSIS_ARGS.join(", ")}` });
            }
        }
    });
    const headerNames = new Map<string, number>();
    list(a.prometheus?.headers).forEach((h, i) => {
        if (!isObj(h)) return;
        problems.push(...exactlyOne(h, ["value", "secretKeyRef"], `analysis.prometheus.headers[${i}]`));
        const key = String(h.name).toLowerCase();
        if (headerNames.has(key)) problems.push({ path: `analysis.prometheus.headers[${i}].name`, reason: `must be unique; also headers[${headerNames.get(key)}]` });
        headerNames.set(key, i);
    });
    const start = a.background?.startingStep;
    const stages = stagesOf(args).length;
    if (typeof start === "number" && start > 0 && start >= stages) {
        const what = args.steps === undefined && args.progression !== undefined ? "the stages progression generates" : "steps";
        problems.push({ path: "analysis.background.startingStep", reason: `must be an index into ${what} (0..${Math.max(stages - 1, 0)})` });
    }
    return problems;
}

/** `threshold` only sets a default: say so when no metric takes it. */
export function analysisWarnings({ args }: RuleContext): string[] {
    const a = args.analysis;
    if (!isObj(a) || a.threshold === undefined) return [];
    if (a.failureLimit !== undefined) {
        return [`analysis.threshold: has no effect, analysis.failureLimit (${a.failureLimit}) is set and is every metric's default; remove one of them.`];
    }
    const presets = a.successRate !== undefined || a.latency !== undefined;
    const metrics = list(a.metrics);
    if (!presets && metrics.length > 0 && metrics.every((m) => isObj(m) && m.failureLimit !== undefined)) {
        return ["analysis.threshold: has no effect, every metric sets its own failureLimit."];
    }
    return [];
}
