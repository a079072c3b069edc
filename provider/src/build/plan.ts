// The plan a reviewer reads in a preview: "10% for 5m, analysis, 30% until promoted, 100%",
// then what else the release does (request matches, background analysis).
import { humanDuration } from "../duration";
import type { Resolved, ResolvedMatch, ResolvedStep } from "../resolve/model";

export interface Plan {
    /** One line. */
    summary: string;
    /** One entry per stage, then the final promotion. */
    stages: string[];
}

export function describePlan(r: Resolved): Plan {
    const stages = r.steps.map(describeStage);
    const last = r.steps[r.steps.length - 1];
    if (!last || last.weight !== 100) stages.push(r.steps.length ? "100%" : "100% at once");
    const extras = [matchesNote(r), backgroundNote(r)].filter((x): x is string => x !== undefined);
    return { summary: [stages.join(", "), ...extras].join("; "), stages };
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

function matchesNote(r: Resolved): string | undefined {
    const t = r.traffic;
    // Istio: header and cookie matches form one route (all must match), each path match its own;
    // ingress-nginx: the header, else the cookie.
    const alternatives =
        t.kind === "istio"
            ? [...(t.headerMatches.length ? [t.headerMatches.map(describeMatch).join(" and ")] : []), ...t.uriMatches.map(describeMatch)]
            : t.kind === "nginx"
              ? [t.header, t.cookie].filter((m): m is ResolvedMatch => !!m).map(describeMatch)
              : [];
    if (!alternatives.length) return undefined;
    return `requests with ${alternatives.join(" or ")} go to the canary`;
}

function describeMatch(m: ResolvedMatch): string {
    const value = m.exact !== undefined ? `= "${m.exact}"` : m.prefix !== undefined ? `starting "${m.prefix}"` : `~ /${m.regex}/`;
    return m.on === "uri" ? `path ${value}` : `${m.on} ${m.name} ${value}`;
}

function backgroundNote(r: Resolved): string | undefined {
    const a = r.analysis;
    if (!a?.background) return undefined;
    return `background analysis from stage ${a.background.startingStep + 1}`;
}
