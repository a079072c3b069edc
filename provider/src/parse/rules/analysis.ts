// Rules about the analysis: something to measure, presets that match the router, custom metrics
// Argo can evaluate, webhooks Argo can call, header values from exactly one place.
import { ANALYSIS_ARGS, DEFAULT_LOAD_TEST_NAME, PRESET_METRIC_NAMES, referencedArgs } from "../../core/analysis-args";
import { goDurationSeconds } from "../../core/duration";
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
    const webhooks = list(a.webhooks);
    const presets = a.successRate !== undefined || a.latency !== undefined;
    if (!presets && metrics.length === 0 && webhooks.length === 0 && a.loadTest === undefined) {
        problems.push({ path: "analysis", reason: "must define at least one check: successRate, latency, metrics, webhooks or loadTest" });
    }
    if ((presets || metrics.length > 0) && a.prometheus === undefined) {
        problems.push({ path: "analysis.prometheus", reason: "is required: successRate, latency and metrics query Prometheus" });
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
        problems.push(...knownArgs(m.query, `${path}.query`));
    });
    problems.push(...headerRules(a.prometheus?.headers, "analysis.prometheus.headers"));
    const stages = stagesOf(args).length;
    const what = args.steps === undefined && args.progression !== undefined ? "the stages progression generates" : "steps";
    const stageRange = `must be an index into ${what} (0..${Math.max(stages - 1, 0)})`;
    webhooks.forEach((w, i) => {
        if (!isObj(w)) return;
        const path = `analysis.webhooks[${i}]`;
        if (names.has(w.name)) problems.push({ path: `${path}.name`, reason: `must be unique; ${quote(w.name)} is also ${names.get(w.name)}` });
        names.set(w.name, `webhooks[${i}]`);
        const gate = w.type === "gate";
        if (!gate && w.stage !== undefined) problems.push({ path: `${path}.stage`, reason: 'is only for a gate (type: "gate"); a check runs with the analysis' });
        if (gate && (stages === 0 || (typeof w.stage === "number" && w.stage >= stages))) problems.push({ path: `${path}.stage`, reason: stageRange });
        if (w.body !== undefined && w.method === "GET") problems.push({ path: `${path}.body`, reason: 'needs method "POST" or "PUT" (Argo sends no body with a GET)' });
        if (typeof w.timeout === "string" && !Number.isInteger(goDurationSeconds(w.timeout))) {
            problems.push({ path: `${path}.timeout`, reason: `must be whole seconds (Argo's web provider takes timeoutSeconds), got ${quote(w.timeout)}` });
        }
        problems.push(...headerRules(w.headers, `${path}.headers`));
        for (const key of ["url", "body"] as const) problems.push(...knownArgs(w[key], `${path}.${key}`));
    });
    if (isObj(a.loadTest)) {
        const name = a.loadTest.name ?? DEFAULT_LOAD_TEST_NAME;
        if (names.has(name)) problems.push({ path: a.loadTest.name === undefined ? "analysis.loadTest" : "analysis.loadTest.name", reason: `must have a unique name; ${quote(name)} is also ${names.get(name)}${a.loadTest.name === undefined ? " (set loadTest.name)" : ""}` });
    }
    const start = a.background?.startingStep;
    if (typeof start === "number" && start > 0 && start >= stages) {
        problems.push({ path: "analysis.background.startingStep", reason: stageRange });
    }
    return problems;
}

/** `{{args.x}}` references only to the arguments every template declares. */
function knownArgs(text: unknown, path: string): Problem[] {
    if (typeof text !== "string") return [];
    const unknown = referencedArgs(text).filter((arg) => !(ANALYSIS_ARGS as readonly string[]).includes(arg));
    return unknown.length ? [{ path, reason: `uses unknown argument(s) ${listed(unknown.map((u) => `{{args.${quoteless(u)}}}`))}; available: ${ANALYSIS_ARGS.join(", ")}` }] : [];
}

/** Each header from exactly one place, and no name twice (HTTP header names are case-insensitive). */
function headerRules(headers: { name: string; value?: unknown; secretKeyRef?: unknown }[] | undefined, path: string): Problem[] {
    const problems: Problem[] = [];
    const seen = new Map<string, number>();
    list(headers).forEach((h, i) => {
        if (!isObj(h)) return;
        problems.push(...exactlyOne(h, ["value", "secretKeyRef"], `${path}[${i}]`));
        const key = String(h.name).toLowerCase();
        if (seen.has(key)) problems.push({ path: `${path}[${i}].name`, reason: `must be unique; also headers[${seen.get(key)}]` });
        seen.set(key, i);
    });
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
    const others = list(a.webhooks).some((w) => isObj(w) && w.type !== "gate") || a.loadTest !== undefined;
    if (!presets && !others && metrics.length > 0 && metrics.every((m) => isObj(m) && m.failureLimit !== undefined)) {
        return ["analysis.threshold: has no effect, every metric sets its own failureLimit."];
    }
    return [];
}
