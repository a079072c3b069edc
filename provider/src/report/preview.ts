// What `pulumi preview --json` says, in one shape, whichever of its two forms it came in:
// - the summary document (the default): `steps` (op, urn, oldState/newState with inputs and
//   outputs), `diagnostics`, `changeSummary`. It records a step's state as the engine planned it,
//   before a component registered its outputs, and it leaves policy violations out;
// - the engine's event stream, one JSON object per line (`PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true`,
//   or the file of `--event-log`): the same steps, plus each component's outputs
//   (`resOutputsEvent`) and every policy violation (`policyEvent`).
// Pure: text in, facts out.

/** How the engine writes a value that is not known until the update runs. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Op = "same" | "create" | "update" | "delete" | "replace" | "create-replacement" | "delete-replaced" | "read" | "refresh" | string;

export interface Step {
    op: Op;
    urn: string;
    type: string;
    /** Resource name, the last URN segment. */
    name: string;
    parent?: string;
    oldInputs?: Record<string, unknown>;
    newInputs?: Record<string, unknown>;
    oldOutputs?: Record<string, unknown>;
    /** Only in the event stream, for components: what registerOutputs gave in this preview. */
    newOutputs?: Record<string, unknown>;
    /** Top-level keys that differ (updates), or that force a replacement. */
    diffs: string[];
    /** The resource is kept in the cloud when Pulumi deletes it (`retainOnDelete` in its old state). */
    retainOnDelete?: boolean;
    replaceReasons: string[];
}

export interface Diagnostic {
    urn?: string;
    severity: string;
    /** Without the "error: " / "warning: " prefix and the trailing newline. */
    message: string;
}

export interface PolicyViolation {
    urn?: string;
    policyName: string;
    policyPack: string;
    enforcementLevel: string;
    message: string;
}

export interface Preview {
    form: "summary" | "events";
    project?: string;
    stack?: string;
    steps: Step[];
    diagnostics: Diagnostic[];
    /** Undefined when the input cannot carry them (the summary document leaves them out). */
    policyViolations?: PolicyViolation[];
    changeSummary?: Record<string, number>;
    /** The engine's result, when it says ("succeeded", "failed"); undefined in the summary form. */
    result?: string;
    /** Whether the preview failed: an error diagnostic or a failed result. */
    failed: boolean;
}

export class PreviewInputError extends Error {}

/** Parses either form; throws PreviewInputError on text that is neither. */
export function parsePreview(text: string): Preview {
    const trimmed = text.trim();
    if (!trimmed) throw new PreviewInputError("the input is empty: `pulumi preview --json` wrote nothing (it stops before the engine runs, e.g. on a missing stack or a login error; its stderr says why)");
    let whole: unknown;
    try {
        whole = JSON.parse(trimmed);
    } catch {
        whole = undefined;
    }
    if (isRecord(whole) && !isEvent(whole)) return fromSummary(whole);
    const events: Record<string, unknown>[] = [];
    for (const [i, line] of trimmed.split(/\r?\n/).entries()) {
        if (!line.trim()) continue;
        let event: unknown;
        try {
            event = JSON.parse(line);
        } catch {
            throw new PreviewInputError(`line ${i + 1} is not JSON: the input is neither the document of \`pulumi preview --json\` nor its event stream`);
        }
        if (!isRecord(event)) throw new PreviewInputError(`line ${i + 1} is not a JSON object`);
        events.push(event);
    }
    if (!events.some(isEvent)) throw new PreviewInputError("the input is JSON but not a Pulumi preview: no `steps`, `diagnostics` or engine events in it");
    return fromEvents(events);
}

const EVENT_KEYS = ["resourcePreEvent", "resOutputsEvent", "diagnosticEvent", "summaryEvent", "preludeEvent", "policyEvent", "cancelEvent", "stdoutEvent", "errorEvent"];
const isEvent = (e: Record<string, unknown>) => EVENT_KEYS.some((k) => k in e);

function fromSummary(doc: Record<string, unknown>): Preview {
    const steps = array(doc.steps).filter(isRecord).map((s) => {
        const oldState = record(s.oldState);
        const newState = record(s.newState);
        return makeStep(s, oldState, newState, undefined);
    });
    const diagnostics = array(doc.diagnostics).filter(isRecord).map((d) => diagnostic(d.urn, d.severity, d.message, d.prefix));
    const preview: Preview = {
        form: "summary",
        steps,
        diagnostics: diagnostics.filter((d) => d.severity !== "debug"),
        changeSummary: numbers(doc.changeSummary),
        failed: diagnostics.some((d) => d.severity === "error"),
    };
    return withIdentity(preview);
}

function fromEvents(events: Record<string, unknown>[]): Preview {
    const steps = new Map<string, Step>();
    const diagnostics: Diagnostic[] = [];
    const policyViolations: PolicyViolation[] = [];
    let changeSummary: Record<string, number> | undefined;
    let result: string | undefined;
    for (const e of events) {
        if (isRecord(e.resourcePreEvent)) {
            const m = record(e.resourcePreEvent.metadata);
            const step = makeStep(m, record(m.old), record(m.new), undefined);
            // The engine reports a step once per phase; the first (planning) report is the plan.
            if (!steps.has(step.urn + step.op)) steps.set(step.urn + step.op, step);
        } else if (isRecord(e.resOutputsEvent)) {
            const m = record(e.resOutputsEvent.metadata);
            const urn = String(m.urn ?? "");
            const step = [...steps.values()].find((s) => s.urn === urn);
            const outputs = record(record(m.new).outputs);
            if (step && Object.keys(outputs).length) step.newOutputs = outputs;
        } else if (isRecord(e.diagnosticEvent)) {
            const d = e.diagnosticEvent;
            if (d.ephemeral === true) continue;
            const diag = diagnostic(d.urn, d.severity, d.message, d.prefix);
            if (diag.severity !== "debug") diagnostics.push(diag);
        } else if (isRecord(e.policyEvent)) {
            const p = e.policyEvent;
            policyViolations.push({
                ...(typeof p.resourceUrn === "string" && p.resourceUrn && { urn: p.resourceUrn }),
                policyName: String(p.policyName ?? ""),
                policyPack: String(p.policyPackName ?? ""),
                enforcementLevel: String(p.enforcementLevel ?? "advisory"),
                message: clean(String(p.message ?? "")),
            });
        } else if (isRecord(e.summaryEvent)) {
            changeSummary = numbers(e.summaryEvent.resourceChanges);
            if (typeof e.summaryEvent.result === "string") result = e.summaryEvent.result;
        }
    }
    // Steps of the stack itself carry nothing for the report.
    const preview: Preview = {
        form: "events",
        steps: [...steps.values()],
        diagnostics,
        policyViolations,
        changeSummary,
        result,
        failed: result === "failed" || diagnostics.some((d) => d.severity === "error"),
    };
    return withIdentity(preview);
}

function makeStep(s: Record<string, unknown>, oldState: Record<string, unknown>, newState: Record<string, unknown>, newOutputs: Record<string, unknown> | undefined): Step {
    const urn = String(s.urn ?? newState.urn ?? oldState.urn ?? "");
    const type = String(newState.type ?? oldState.type ?? s.type ?? parseUrn(urn)?.type ?? "");
    const parent = (newState.parent ?? oldState.parent) as string | undefined;
    return {
        op: String(s.op ?? "same"),
        urn,
        type,
        name: parseUrn(urn)?.name ?? urn,
        ...(parent && { parent }),
        ...(isRecord(oldState.inputs) && { oldInputs: oldState.inputs }),
        ...(isRecord(newState.inputs) && { newInputs: newState.inputs }),
        ...(isRecord(oldState.outputs) && { oldOutputs: oldState.outputs }),
        ...(newOutputs && { newOutputs }),
        diffs: strings(s.diffReasons ?? s.diffs),
        replaceReasons: strings(s.replaceReasons ?? s.keys),
        ...(oldState.retainOnDelete === true && { retainOnDelete: true }),
    };
}

function diagnostic(urn: unknown, severity: unknown, message: unknown, prefix: unknown): Diagnostic {
    const sev = typeof severity === "string" ? severity : "info";
    let text = clean(String(message ?? ""));
    // The summary document writes the prefix into the message ("error: ..."); the stream keeps it apart.
    const lead = typeof prefix === "string" && prefix ? clean(prefix) : `${sev}:`;
    if (text.startsWith(lead)) text = text.slice(lead.length).trimStart();
    return { ...(typeof urn === "string" && urn && { urn }), severity: sev, message: text };
}

/** `urn:pulumi:<stack>::<project>::<type chain>::<name>`; the type chain's last entry is the type. */
export function parseUrn(urn: string): { stack: string; project: string; type: string; typeChain: string[]; name: string } | undefined {
    const m = /^urn:pulumi:([^:]*)::([^:]*)::(.*?)::(.*)$/s.exec(urn);
    if (!m) return undefined;
    const typeChain = m[3].split("$");
    return { stack: m[1], project: m[2], type: typeChain[typeChain.length - 1], typeChain, name: m[4] };
}

function withIdentity(p: Preview): Preview {
    const urn = [...p.steps.map((s) => s.urn), ...p.diagnostics.map((d) => d.urn)].find((u) => u && parseUrn(u));
    const parsed = urn ? parseUrn(urn) : undefined;
    return parsed ? { ...p, project: parsed.project, stack: parsed.stack } : p;
}

// eslint-disable-next-line no-control-regex
const clean = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "").replace(/<\{%[^%]*%\}>/g, "").replace(/\s+$/, "");

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
const record = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const array = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): string[] => array(v).filter((x): x is string => typeof x === "string");
function numbers(v: unknown): Record<string, number> | undefined {
    if (!isRecord(v)) return undefined;
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => typeof e[1] === "number"));
}
