// The plan a reviewer reads in a preview: "10% for 5m, analysis, 30% until promoted, 100%",
// then what else the release does (request matches, background analysis) and how long it takes
// to reach full promotion at the least: "at least 16m, plus 1 manual promotion at stage 2".
import { humanDuration } from "../core/duration";
import type { Resolved, ResolvedStep } from "../resolve/model";
import type { PlanTiming } from "../resolve/model";
import { routingFor } from "../routers";

export interface Plan {
    /** One line. */
    summary: string;
    /** One entry per stage, then the final promotion (which carries the timing). */
    stages: string[];
    timing: PlanTiming;
}

export function describePlan(r: Resolved): Plan {
    const stages = r.steps.map(describeStage);
    const last = r.steps[r.steps.length - 1];
    if (!last || last.weight !== 100) stages.push(r.steps.length ? "100%" : "100% at once");
    const timing = r.timing;
    // Without stages there is nothing to wait for: "100% at once" says it all.
    const timingNote = r.steps.length ? timingNoteOf(timing) : undefined;
    const extras = [routingFor(r).planNote(r.traffic), backgroundNote(r), gateNote(r), timingNote].filter((x): x is string => x !== undefined);
    const summary = [stages.join(", "), ...extras].join("; ");
    if (timingNote) stages[stages.length - 1] += ` (${timingNote})`;
    return { summary, stages, timing };
}

/** "at least 16m, plus 1 manual promotion at stage 2"; "2 manual promotions at stages 1 and 3, no timed waits"; "no waits". */
export function describeTiming(t: PlanTiming): string {
    const gates = t.manualGates;
    const gateWords = gates.length
        ? `${gates.length} manual promotion${gates.length === 1 ? "" : "s"} at stage${gates.length === 1 ? "" : "s"} ${listWords(gates.map(String))}`
        : undefined;
    if (t.minimumSeconds === 0) return gateWords ? `${gateWords}, no timed waits` : "no waits";
    const time = `at least ${humanDuration(t.minimumSeconds)}`;
    return gateWords ? `${time}, plus ${gateWords}` : time;
}

/** The plan's last words: "full promotion after at least 16m, plus 1 manual promotion at stage 2". */
function timingNoteOf(t: PlanTiming): string {
    return t.minimumSeconds === 0 && !t.manualGates.length ? "full promotion with no waits" : `full promotion after ${describeTiming(t)}`;
}

function listWords(items: string[]): string {
    return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function describeStage(s: ResolvedStep): string {
    const scale = s.canaryScale
        ? s.canaryScale.replicas !== undefined
            ? ` (canary at ${s.canaryScale.replicas} pod${s.canaryScale.replicas === 1 ? "" : "s"})`
            : s.canaryScale.weight !== undefined
              ? ` (canary at ${s.canaryScale.weight}% of pods)`
              : " (canary scaled with its weight)"
        : "";
    const pause = s.pause.kind === "timed" ? ` for ${humanDuration(s.pause.seconds)}` : s.pause.kind === "untilPromoted" ? " until promoted" : "";
    return `${s.weight}%${scale}${pause}${s.analysis ? ", analysis" : ""}`;
}

/** 'webhook gate "approve" before stage 1'; several: 'webhook gates "a" before stage 1, "b" before stage 3'. */
function gateNote(r: Resolved): string | undefined {
    const gates = r.analysis?.gates ?? [];
    if (!gates.length) return undefined;
    return `webhook gate${gates.length === 1 ? "" : "s"} ${gates.map((g) => `"${g.name}" before stage ${g.stage + 1}`).join(", ")}`;
}

function backgroundNote(r: Resolved): string | undefined {
    const a = r.analysis;
    if (!a?.background) return undefined;
    return `background analysis from stage ${a.background.startingStep + 1}`;
}
