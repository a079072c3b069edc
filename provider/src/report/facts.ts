// What a preview means for each CanaryDelivery in it: the verdict, the fields that changed, where
// the live release stands, the plan with its timing, the analysis and the policy results. Pure:
// the facts come from the preview alone (the component's own live read, in its outputs or in the
// line it logs on itself), never from a second read of the cluster.
import type { CanaryDeliveryArgs } from "../args";
import { PRESET_METRIC_NAMES } from "../core/analysis-args";
import { describePlan, describeTiming } from "../build/plan";
import type { PlanTiming } from "../resolve/model";
import { stageAnalysisSeconds } from "../resolve/timing";
import { humanDuration } from "../core/duration";
import { resolve } from "../resolve";
import type { Resolved } from "../resolve/model";
import { Diagnostic, Op, parseUrn, PolicyViolation, Preview, Step, UNKNOWN } from "./preview";
import { ROUTER_KEYS } from "../routers";

export const COMPONENT_TYPE = "canary-delivery:index:CanaryDelivery";

export type VerdictKind = "canary" | "steps" | "rollback" | "none" | "first" | "removed" | "failed";

/** The verdict words, as a reviewer reads them. */
export const VERDICT_WORDS: Record<VerdictKind, string> = {
    canary: "starts a canary",
    steps: "steps-only change",
    rollback: "rollback to the stable version",
    none: "no change to the release",
    first: "first release (goes to 100% at once)",
    removed: "removed",
    failed: "not previewed: the preview failed for this release",
};

/** The kinds of change the component's live read tells apart (live/impact.ts), from its words. */
export type ImpactKind = "first" | "template" | "rollback" | "steps" | "none" | "unknown";

/**
 * The component's effect sentence to its kind. The phrases are the component's own
 * (live/impact.ts); a unit test holds them against describeImpact so they cannot drift apart.
 */
export function impactKindOf(effect: string): ImpactKind | undefined {
    if (/^first release\b/.test(effect)) return "first";
    if (/finishes the rollback|^rollback to the stable version/.test(effect)) return "rollback";
    if (/^this pod template change/.test(effect)) return "template";
    if (/^steps-only change/.test(effect)) return "steps";
    if (/^no change to the pod template or the steps/.test(effect)) return "none";
    if (/^what this change does to the running release is unknown/.test(effect)) return "unknown";
    return undefined;
}

/** The whole effect sentences live/impact.ts writes (one of them holds a "; " of its own). */
const EFFECT = new RegExp("(?:^|; )(" + [
    "first release: Argo Rollouts skips the steps on a Rollout's first deploy, so this version goes to 100% at once",
    "this pod template is the stable version's: it finishes the rollback, and the Rollout is Healthy again without a canary",
    "rollback to the stable version: this pod template is the stable one, so Argo switches all traffic back to the stable pods at once, with no canary",
    "this pod template change replaces the canary in progress and restarts from stage 1",
    "this pod template change starts a new canary from stage 1",
    "steps-only change: the canary in progress keeps its version, and Argo restarts it at stage 1 of the new \\d+",
    "steps-only change: nothing restarts; the next release follows the new steps",
    "no change to the pod template or the steps: the release is left as it is",
    "what this change does to the running release is unknown",
].join("|") + ")(?:; |$)");

export interface FieldChange {
    group: "pod template" | "workload" | "steps" | "traffic" | "analysis" | "other";
    path: string;
    old?: unknown;
    new?: unknown;
}

export interface StageRow {
    stage: number;
    weight: string;
    wait: string;
    analysis: string;
}

export interface MetricRow {
    name: string;
    /** Preset conditions are words; a custom metric's are its expressions. */
    custom: boolean;
    passes: string;
    fails: string;
    every: string;
    measurements: string;
    failureLimit: string;
    runs: string;
}

export interface ReleaseFacts {
    urn: string;
    /** The component's resource name. */
    name: string;
    /** The Rollout's name. */
    release: string;
    op: Op;
    verdict: VerdictKind;
    /** What the component says this change does, e.g. "this pod template change restarts ...". */
    effect?: string;
    /** Where the live release stands, e.g. "paused at stage 2 of 3, canary at 30%", "not deployed yet". */
    standing?: string;
    /** What a declared control will do. */
    control?: string;
    /** Where the live facts come from. */
    liveSource: "outputs" | "preview line" | "none";
    /** Warnings the component logged about the live release (e.g. a Rollout the cluster lacks). */
    liveWarnings: string[];
    /** What removing the release leaves behind in the cluster (a retained Rollout), in words. */
    removalWarnings: string[];
    changes: FieldChange[];
    /** False when the input does not hold the new arguments (the summary document): no field changes, plan or metrics then. */
    argumentsKnown: boolean;
    plan?: { rows: StageRow[]; timing: PlanTiming; timingWords: string; notes: string[] };
    metrics: MetricRow[];
    policy: PolicyViolation[];
    errors: string[];
    /** What the preview does to the objects of the release, e.g. "update Rollout shop". */
    objects: { op: Op; kind: string; name: string }[];
}

export interface OtherResources {
    counts: Record<string, number>;
    replaced: string[];
    deleted: string[];
}

export interface ReportFacts {
    project?: string;
    stack?: string;
    failed: boolean;
    /** Errors not tied to a release (the program, the engine, a mandatory policy). */
    errors: string[];
    releases: ReleaseFacts[];
    others: OtherResources;
    /** Policy violations of resources outside every release. */
    otherPolicy: PolicyViolation[];
    /** False when the input cannot say (the summary document leaves policy results out). */
    policyKnown: boolean;
    policyPacks: string[];
}

/** Ops that change nothing, and the halves of a replacement the engine also reports as "replace". */
const QUIET_OPS = new Set(["same", "read", "refresh", "create-replacement", "delete-replaced", "discard", "remove-pending-replace"]);

export function reportFacts(p: Preview): ReportFacts {
    const componentUrns = new Set<string>([
        ...p.steps.filter((s) => s.type === COMPONENT_TYPE).map((s) => s.urn),
        // An unchanged component (its inputs are its identity) has no step in the summary document,
        // even when its objects change; those name it as their parent, and it logs its live read.
        ...p.steps.map((s) => s.parent).filter((u): u is string => !!u && parseUrn(u)?.type === COMPONENT_TYPE),
        ...p.diagnostics.map((d) => d.urn).filter((u): u is string => !!u && parseUrn(u)?.type === COMPONENT_TYPE),
        ...(p.policyViolations ?? []).map((v) => v.urn).filter((u): u is string => !!u && parseUrn(u)?.type === COMPONENT_TYPE),
    ]);
    const parents = new Map(p.steps.filter((s) => s.parent).map((s) => [s.urn, s.parent!]));
    const releaseOf = (urn: string | undefined): string | undefined => {
        for (let u = urn, hops = 0; u && hops < 50; u = parents.get(u), hops++) if (componentUrns.has(u)) return u;
        // Without a recorded parent (a step left out of the summary), the URN's type chain says it.
        const chain = urn ? parseUrn(urn)?.typeChain : undefined;
        if (urn && chain && chain.length > 1 && chain.includes(COMPONENT_TYPE)) {
            return [...componentUrns].find((c) => urn.split("::").pop()!.startsWith(parseUrn(c)!.name));
        }
        return undefined;
    };
    const releases = [...componentUrns].sort().map((urn) => releaseFacts(p, urn, releaseOf));
    // Invalid arguments stop a CanaryDelivery before it registers: its error names it, nothing else does.
    const refused = new Map<string, string[]>();
    for (const d of p.diagnostics) {
        const m = d.severity === "error" ? /CanaryDelivery "([^"]+)" has \d+ invalid argument/.exec(d.message) : null;
        if (m && !releases.some((r) => r.name === m[1])) refused.set(m[1], [...(refused.get(m[1]) ?? []), d.message]);
    }
    for (const [name, messages] of refused) releases.push(refusedRelease(p, name, messages));
    const refusedMessages = new Set([...refused.values()].flat());
    const inRelease = (urn: string | undefined) => releaseOf(urn) !== undefined;
    const others = otherResources(p.steps.filter((s) => s.type !== COMPONENT_TYPE && !inRelease(s.urn) && !s.type.startsWith("pulumi:pulumi:Stack")));
    // "preview failed" only repeats what the report says first.
    const errors = p.diagnostics.filter((d) => d.severity === "error" && !inRelease(d.urn) && !refusedMessages.has(d.message) && !/^preview failed$/.test(d.message)).map((d) => d.message);
    const violations = p.policyViolations ?? [];
    return {
        project: p.project,
        stack: p.stack,
        failed: p.failed,
        errors,
        releases,
        others,
        otherPolicy: violations.filter((v) => !inRelease(v.urn)),
        policyKnown: p.policyViolations !== undefined,
        policyPacks: [...new Set(violations.map((v) => v.policyPack))],
    };
}

function releaseFacts(p: Preview, urn: string, releaseOf: (urn: string | undefined) => string | undefined): ReleaseFacts {
    const step: Step | undefined = p.steps.find((s) => s.urn === urn && !QUIET_OPS.has(s.op)) ?? p.steps.find((s) => s.urn === urn);
    const name = parseUrn(urn)?.name ?? urn;
    // The release's Rollout steps: its image, and whether it changes.
    const rollouts = p.steps.filter((s) => s.urn !== urn && releaseOf(s.urn) === urn && kindOf(s) === "Rollout");
    const newArgs = argumentsOf(step?.newOutputs, step?.newInputs, rolloutImage(rollouts, "newInputs"));
    const oldArgs = argumentsOf(step?.oldOutputs, step?.oldInputs, rolloutImage(rollouts, "oldInputs"));
    // The summary document has no component outputs, so no new arguments of a component that records them there.
    const argumentsKnown = newArgs !== undefined || step?.op === "delete" || p.form === "events";
    const release = str((newArgs ?? oldArgs ?? step?.newInputs ?? step?.oldInputs)?.releaseName) ?? name;
    // The component's inputs change only with its identity and routing: a release whose objects or
    // arguments change is an update although its own step is "same" (or, in the summary document, absent).
    const childChanges = p.steps.some((s) => s.urn !== urn && !QUIET_OPS.has(s.op) && releaseOf(s.urn) === urn);
    const ownOp = step?.op ?? "same";
    const op = ownOp === "same" && (childChanges || (oldArgs && newArgs && !same(oldArgs, newArgs))) ? "update" : ownOp;
    const mine = (d: Diagnostic) => d.urn === urn;
    const errors = p.diagnostics.filter((d) => d.severity === "error" && (mine(d) || releaseOf(d.urn) === urn)).map((d) => d.message);
    const live = liveOf(p, step, urn, release);
    const changes = (op === "update" || op === "replace") && newArgs ? fieldChanges(oldArgs, newArgs, name) : [];
    const kind = impactKindOf(live.effect ?? "");
    const verdict: VerdictKind = errors.length && !p.steps.some((s) => s.urn === urn && s.newInputs)
        ? "failed"
        : op === "delete" ? "removed"
        : kind === "first" || (op === "create" && kind === undefined) ? "first"
        : kind === "rollback" ? "rollback"
        : kind === "template" ? "canary"
        : kind === "steps" ? "steps"
        : kind === "none" ? "none"
        : verdictFromChanges(changes, argumentsKnown ? undefined : rollouts.some((s) => !QUIET_OPS.has(s.op)));
    const resolved = newArgs && op !== "delete" ? tryResolve(newArgs, release) : undefined;
    return {
        urn, name, release, op, argumentsKnown,
        verdict: errors.length && verdict !== "removed" && !resolved ? "failed" : verdict,
        ...live,
        changes,
        ...(resolved && { plan: planFacts(resolved) }),
        metrics: resolved ? metricRows(resolved) : [],
        policy: (p.policyViolations ?? []).filter((v) => v.urn === urn || releaseOf(v.urn) === urn),
        errors,
        objects: p.steps.filter((s) => s.urn !== urn && !QUIET_OPS.has(s.op) && releaseOf(s.urn) === urn)
            .map((s) => ({ op: s.op, kind: kindOf(s), name: s.name })),
        removalWarnings: verdict === "removed" ? retainedRollout(p, urn, oldArgs, releaseOf) : [],
    };
}

/**
 * A removed release whose Rollout the engine keeps (`retainOnDelete`: an adopted Deployment the
 * controller may have scaled down, argoproj/argo-rollouts#3855). The engine shows only `[retain]`
 * on its delete line, yet the Rollout stays unmanaged while the Services and routing it uses go.
 */
function retainedRollout(p: Preview, urn: string, oldArgs: CanaryDeliveryArgs | undefined, releaseOf: (urn: string | undefined) => string | undefined): string[] {
    const deleted = p.steps.filter((s) => s.op === "delete" && releaseOf(s.urn) === urn);
    const kept = deleted.filter((s) => s.retainOnDelete && kindOf(s) === "Rollout");
    const deployment = str(oldArgs?.workloadRef?.name);
    const gone = deleted.filter((s) => !s.retainOnDelete && ["Service", "VirtualService", "Ingress", "HTTPRoute"].includes(kindOf(s)));
    const nameOf = (s: Step) => str((s.oldInputs?.metadata as { name?: unknown } | undefined)?.name) ?? s.name;
    const kinds = [...new Set(gone.map(kindOf))].map((kind) => {
        const names = gone.filter((s) => kindOf(s) === kind).map((s) => `\`${nameOf(s)}\``);
        return `${kind}${names.length > 1 ? "s" : ""} ${names.join(" and ")}`;
    });
    return kept.map((s) => {
        const name = nameOf(s);
        const goneWords = gone.length ? `, while ${kinds.join(", ")}, which it routes through, ${gone.length > 1 ? "are" : "is"} deleted` : "";
        return `Rollout \`${name}\` stays in the cluster, no longer managed by Pulumi (retained: the controller may have scaled ${deployment ? `Deployment \`${deployment}\`` : "the adopted Deployment"} down, so deleting the Rollout would leave no pods)${goneWords}. `
            + "To remove the release safely, first set `workloadRef.handBack: true` and run `pulumi up`, then remove the component";
    });
}

function refusedRelease(p: Preview, name: string, errors: string[]): ReleaseFacts {
    return {
        urn: `urn:pulumi:${p.stack ?? ""}::${p.project ?? ""}::${COMPONENT_TYPE}::${name}`,
        name, release: name, op: "same", verdict: "failed",
        liveSource: "none", liveWarnings: [], removalWarnings: [], changes: [], argumentsKnown: true, metrics: [], policy: [], errors, objects: [],
    };
}

/**
 * A component's arguments: its `arguments` output, else its inputs when they are the arguments
 * (states written by versions that recorded them as inputs, which always hold a workload). The
 * output leaves the pod template's image out: it is the Rollout's (`image`, from the same side of
 * the same preview). Outputs written by versions that kept it there are read as they are.
 */
function argumentsOf(outputs: Record<string, unknown> | undefined, inputs: Record<string, unknown> | undefined, image: unknown): CanaryDeliveryArgs | undefined {
    if (isRecord(outputs?.arguments)) {
        const args = outputs.arguments;
        const template = args.template;
        if (!isRecord(template) || "image" in template || image === undefined) return args as unknown as CanaryDeliveryArgs;
        return { ...args, template: { image, ...template } } as unknown as CanaryDeliveryArgs;
    }
    if (inputs && ("template" in inputs || "workloadRef" in inputs)) return inputs as unknown as CanaryDeliveryArgs;
    return undefined;
}

/** The image of a release's Rollout, old or new: its one container's, as the component built it from `template.image`. */
function rolloutImage(rollouts: Step[], side: "oldInputs" | "newInputs"): unknown {
    for (const s of rollouts) {
        const spec = s[side]?.spec as { template?: { spec?: { containers?: { image?: unknown }[] } } } | undefined;
        const image = spec?.template?.spec?.containers?.[0]?.image;
        if (image !== undefined) return image;
    }
    return undefined;
}

/**
 * Without the component's words (its live read failed or said nothing), the change decides; without
 * the new arguments (the summary document), a changing Rollout may start a canary, so it says that.
 */
function verdictFromChanges(changes: FieldChange[], rolloutChanges?: boolean): VerdictKind {
    if (rolloutChanges) return "canary";
    if (changes.some((c) => c.group === "pod template" || c.group === "workload")) return "canary";
    if (changes.some((c) => c.group === "steps")) return "steps";
    return "none";
}

function liveOf(p: Preview, step: Step | undefined, urn: string, release: string): Pick<ReleaseFacts, "standing" | "effect" | "control" | "liveSource" | "liveWarnings"> {
    const lines = p.diagnostics.filter((d) => d.urn === urn && d.message.startsWith(`Rollout ${release}: `));
    const liveWarnings = lines.filter((d) => d.severity === "warning").map((d) => d.message.slice(`Rollout ${release}: `.length).replace(/\.$/, ""));
    const out = step?.newOutputs;
    if (out && typeof out.liveSummary === "string" && out.liveSummary !== UNKNOWN && typeof out.changeImpact === "string" && out.changeImpact !== UNKNOWN) {
        const fromLine = lines.find((d) => d.severity === "info");
        const control = fromLine ? splitLine(fromLine.message.slice(`Rollout ${release}: `.length)).control : undefined;
        return { standing: out.liveSummary, effect: out.changeImpact, ...(control && { control }), liveSource: "outputs", liveWarnings };
    }
    const line = lines.find((d) => d.severity === "info");
    if (line) return { ...splitLine(line.message.slice(`Rollout ${release}: `.length)), liveSource: "preview line", liveWarnings };
    return { liveSource: "none", liveWarnings };
}

/** "<standing>; <effect>[; <control>]." as the component logs it in a preview. */
export function splitLine(text: string): { standing?: string; effect?: string; control?: string } {
    const body = text.replace(/\.$/, "");
    const m = EFFECT.exec(body);
    if (!m) return { standing: body };
    const standing = body.slice(0, m.index);
    const control = body.slice(m.index + m[0].length);
    return { ...(standing && { standing }), effect: m[1], ...(control && { control }) };
}

function tryResolve(args: CanaryDeliveryArgs, release: string): Resolved | undefined {
    try {
        return hasStages(args) ? resolve(args, release) : undefined;
    } catch {
        return undefined;
    }
}

function planFacts(r: Resolved): NonNullable<ReleaseFacts["plan"]> {
    const plan = describePlan(r);
    const bg = r.analysis?.background;
    const stageAnalysis = r.analysis ? stageAnalysisSeconds(r.analysis) : 0;
    const rows: StageRow[] = r.steps.map((s) => ({
        stage: s.index + 1,
        weight: `${s.weight}%${s.canaryScale?.replicas !== undefined ? ` (${s.canaryScale.replicas} pod${s.canaryScale.replicas === 1 ? "" : "s"})` : s.canaryScale?.weight !== undefined ? ` (${s.canaryScale.weight}% of pods)` : ""}`,
        wait: s.pause.kind === "timed" ? humanDuration(s.pause.seconds) : s.pause.kind === "untilPromoted" ? "until promoted (manual gate)" : "none",
        analysis: [
            s.analysis ? `stage analysis, at least ${humanDuration(stageAnalysis)}` : undefined,
            bg && s.index >= bg.startingStep ? "background" : undefined,
        ].filter(Boolean).join(" + ") || "none",
    }));
    const notes = plan.summary.split("; ").slice(1, -1);
    return { rows, timing: plan.timing, timingWords: r.steps.length ? describeTiming(plan.timing) : "100% at once (no stages)", notes };
}

function metricRows(r: Resolved): MetricRow[] {
    const a = r.analysis;
    if (!a) return [];
    const atStages = r.steps.filter((s) => s.analysis).map((s) => s.index + 1);
    const runs = [
        a.background ? `background from stage ${a.background.startingStep + 1}` : undefined,
        atStages.length ? `at stage${atStages.length === 1 ? "" : "s"} ${atStages.join(", ")}` : undefined,
    ].filter(Boolean).join("; ");
    const measurements = (count: number | undefined) => [
        atStages.length ? `${count ?? a.stepCount} per stage` : undefined,
        a.background ? (count !== undefined ? `${count} in the background` : "until promoted in the background") : undefined,
    ].filter(Boolean).join(", ");
    const rows: MetricRow[] = [];
    const p = a.presets;
    if (p?.successRate) {
        rows.push({ name: PRESET_METRIC_NAMES.successRate, custom: false, passes: `success rate >= ${p.successRate.minPercent}% (${p.source} metrics; no traffic passes)`, fails: "below it", every: a.defaults.interval, measurements: measurements(undefined), failureLimit: String(a.defaults.failureLimit), runs });
    }
    if (p?.latency) {
        rows.push({ name: PRESET_METRIC_NAMES.latency, custom: false, passes: `p${p.latency.percentile} latency <= ${p.latency.maxMilliseconds} ms (${p.source} metrics; no traffic passes)`, fails: "above it", every: a.defaults.interval, measurements: measurements(undefined), failureLimit: String(a.defaults.failureLimit), runs });
    }
    for (const m of a.metrics) {
        rows.push({
            name: m.name,
            custom: true,
            passes: m.successCondition ?? "not failed",
            fails: m.failureCondition ?? "not passed",
            every: `${m.interval}${m.initialDelay ? ` (first after ${m.initialDelay})` : ""}`,
            measurements: measurements(m.count),
            failureLimit: String(m.failureLimit),
            runs,
        });
    }
    return rows;
}

/** Whether the arguments say what the stages are, listed or as a progression. */
const hasStages = (args: CanaryDeliveryArgs) => Array.isArray(args.steps) || (typeof args.progression === "object" && args.progression !== null);

/** The arguments that make the stages: a change to either is shown as the plans, old and new. */
const STAGE_KEYS = ["steps", "progression"];

const GROUPS: Record<string, FieldChange["group"]> = {
    template: "pod template", workloadRef: "workload", steps: "steps", progression: "steps",
    service: "traffic", analysis: "analysis",
    ...Object.fromEntries(ROUTER_KEYS.map((key) => [key, "traffic" as const])),
};
const GROUP_ORDER: FieldChange["group"][] = ["pod template", "workload", "steps", "traffic", "analysis", "other"];

/** The component's arguments, old against new, as leaf fields; the steps as plans. */
export function fieldChanges(oldArgs: CanaryDeliveryArgs | undefined, newArgs: CanaryDeliveryArgs | undefined, name: string): FieldChange[] {
    const changes: FieldChange[] = [];
    const before = (oldArgs ?? {}) as unknown as Record<string, unknown>;
    const after = (newArgs ?? {}) as unknown as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
        const group = GROUPS[key] ?? "other";
        if (STAGE_KEYS.includes(key)) {
            // Once, under the key the new arguments use (switching from one to the other is one change).
            const shown = after.progression !== undefined || (after.steps === undefined && before.progression !== undefined) ? "progression" : "steps";
            if (key === shown && STAGE_KEYS.some((k) => !same(before[k], after[k]))) {
                changes.push({ group, path: shown, old: stagesWords(oldArgs, name), new: stagesWords(newArgs, name) });
            }
            continue;
        }
        diffValue(key, before[key], after[key], (path, o, n) => changes.push({ group, path, old: o, new: n }));
    }
    return changes.sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group));
}

function stagesWords(args: CanaryDeliveryArgs | undefined, name: string): string | undefined {
    if (!args || !hasStages(args)) return undefined;
    const r = tryResolve(args, str(args.releaseName) ?? name);
    // The plan's stage words, without the timing note of the final promotion.
    return r ? describePlan(r).stages.map((s) => s.replace(/ \(full promotion .*\)$/, "")).join(", ") : JSON.stringify(args.steps ?? args.progression);
}

/** Lists of named items (env, ports, containers) are compared by name, so an insertion shows as one change. */
const KEYED_LISTS: Record<string, (item: Record<string, unknown>) => unknown> = {
    env: (i) => i.name,
    ports: (i) => i.name ?? i.containerPort,
    metrics: (i) => i.name,
    headers: (i) => i.name,
    matches: (i) => `${i.on}:${i.name ?? ""}`,
};

function diffValue(path: string, o: unknown, n: unknown, emit: (path: string, o: unknown, n: unknown) => void): void {
    if (same(o, n)) return;
    if (isRecord(o) && isRecord(n)) {
        for (const k of [...new Set([...Object.keys(o), ...Object.keys(n)])].sort()) diffValue(`${path}.${k}`, o[k], n[k], emit);
        return;
    }
    const leaf = path.split(".").pop()!;
    const keyOf = KEYED_LISTS[leaf];
    if (Array.isArray(o) && Array.isArray(n) && keyOf && [...o, ...n].every(isRecord)) {
        const index = (list: unknown[]) => new Map(list.map((item) => [String(keyOf(item as Record<string, unknown>)), item]));
        const [a, b] = [index(o), index(n)];
        for (const k of [...new Set([...a.keys(), ...b.keys()])]) diffValue(`${path}[${k}]`, a.get(k), b.get(k), emit);
        return;
    }
    if (Array.isArray(o) && Array.isArray(n) && o.length === n.length && [...o, ...n].some((x) => typeof x === "object" && x !== null)) {
        o.forEach((_, i) => diffValue(`${path}[${i}]`, o[i], n[i], emit));
        return;
    }
    emit(path, o, n);
}

/** "Rollout" for kubernetes:argoproj.io/v1alpha1:Rollout; a manifest's own kind first. */
function kindOf(s: Step): string {
    const inputs = s.newInputs ?? s.oldInputs;
    if (typeof inputs?.kind === "string") return inputs.kind;
    return s.type.split(":").pop()!.split("/").pop()!;
}

function otherResources(steps: Step[]): OtherResources {
    const counts: Record<string, number> = {};
    const replaced: string[] = [];
    const deleted: string[] = [];
    const seen = new Set<string>();
    for (const s of steps) {
        if (QUIET_OPS.has(s.op) || seen.has(s.urn)) continue;
        seen.add(s.urn);
        counts[s.op] = (counts[s.op] ?? 0) + 1;
        const label = `${s.type} ${s.name}`;
        if (s.op === "replace") replaced.push(label);
        if (s.op === "delete") deleted.push(label);
    }
    // A replacement the summary shows only by its halves still counts once.
    for (const s of steps) {
        if (s.op === "create-replacement" && !seen.has(s.urn)) {
            seen.add(s.urn);
            counts.replace = (counts.replace ?? 0) + 1;
            replaced.push(`${s.type} ${s.name}`);
        }
    }
    return { counts, replaced, deleted };
}

function same(a: unknown, b: unknown): boolean {
    return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}
function sortKeys(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (!isRecord(v)) return v;
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
}
function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== UNKNOWN ? v : undefined);
