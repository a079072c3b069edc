// The report as GitHub-flavoured Markdown for one pull-request comment. Pure: facts in, text out.
// It starts with a hidden marker naming the project and stack, so a workflow finds and edits its
// own earlier comment, and it stays under GitHub's comment limit by leaving out details, last
// release first, and saying what it left out.
import { parseUrn, PolicyViolation, UNKNOWN } from "./preview";
import { FieldChange, ReleaseFacts, ReportFacts, VERDICT_WORDS } from "./facts";

/** GitHub rejects a comment body longer than this. */
export const GITHUB_COMMENT_LIMIT = 65536;

export interface RenderOptions {
    /** Defaults to GITHUB_COMMENT_LIMIT. */
    maxChars?: number;
    /** Fills in what the preview cannot say (a failed preview may have no URN to read them from). */
    project?: string;
    stack?: string;
}

export const markerOf = (project: string | undefined, stack: string | undefined) =>
    `<!-- canary-delivery-report: ${project ?? "unknown-project"}/${stack ?? "unknown-stack"} -->`;

interface Budget {
    /** Longest value in a table cell. */
    cell: number;
    /** Longest list of resource names. */
    names: number;
    /** Releases (by index) shown without their details. */
    brief: Set<number>;
    /** Releases (by index) left out altogether. */
    hidden: Set<number>;
    dropNames: boolean;
}

export function renderReport(f: ReportFacts, opts: RenderOptions = {}): string {
    const max = opts.maxChars ?? GITHUB_COMMENT_LIMIT;
    const identity = { project: opts.project ?? f.project, stack: opts.stack ?? f.stack };
    const budget: Budget = { cell: 400, names: 50, brief: new Set(), hidden: new Set(), dropNames: false };
    const attempt = () => compose(f, identity, budget, max);
    let text = attempt();
    if (text.length <= max) return text;
    // Shorter cells and name lists first, then the details of the last releases, then whole releases.
    Object.assign(budget, { cell: 120, names: 10 });
    text = attempt();
    const n = f.releases.length;
    /** The fewest of the last releases to treat with `mark` for the report to fit (binary search). */
    const fewest = (mark: Set<number>): void => {
        const apply = (k: number) => {
            mark.clear();
            for (let i = n - k; i < n; i++) mark.add(i);
            return attempt();
        };
        let [lo, hi] = [0, n];
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (apply(mid).length <= max) hi = mid;
            else lo = mid + 1;
        }
        text = apply(lo);
    };
    if (text.length > max) fewest(budget.brief);
    if (text.length > max) {
        budget.dropNames = true;
        text = attempt();
    }
    if (text.length > max) fewest(budget.hidden);
    if (text.length <= max) return text;
    // Only the errors and the other resources can still be too long: cut at a line, and say so.
    const note = "\n\n_The rest of this report was cut to stay under GitHub's comment limit: run `pulumi preview` for the full output._\n";
    const cut = text.lastIndexOf("\n", max - note.length);
    return text.slice(0, cut > 0 ? cut : max - note.length) + note;
}

/** A report for an input that is not a preview at all: never an empty comment. */
export function renderInputError(message: string, opts: RenderOptions = {}): string {
    return [
        markerOf(opts.project, opts.stack),
        `## Canary release report${title(opts.project, opts.stack)}`,
        "",
        "**The preview produced no result this report can read.** Nothing was checked: fix the preview and push again.",
        "",
        `> ${oneLine(message)}`,
        "",
    ].join("\n");
}

function title(project: string | undefined, stack: string | undefined): string {
    return project || stack ? `: \`${project ?? "?"}/${stack ?? "?"}\`` : "";
}

function compose(f: ReportFacts, id: { project?: string; stack?: string }, b: Budget, max: number): string {
    const out: string[] = [markerOf(id.project, id.stack), `## Canary release report${title(id.project, id.stack)}`, ""];
    if (f.failed) {
        out.push(failureWords(f), "");
        for (const e of f.errors) out.push(...codeBlock(e, b.cell * 10), "");
    }
    const policyLine = policySummary(f);
    if (policyLine) out.push(policyLine, "");
    if (!f.releases.length) out.push("No `CanaryDelivery` in this preview.", "");
    const brief: ReleaseFacts[] = [];
    const hidden: ReleaseFacts[] = [];
    f.releases.forEach((r, i) => {
        if (b.hidden.has(i)) {
            hidden.push(r);
            return;
        }
        out.push(...releaseHead(r, b));
        if (b.brief.has(i)) brief.push(r);
        else out.push(...releaseDetails(r, b));
    });
    out.push(...othersSection(f, b));
    if (brief.length || hidden.length || (b.dropNames && f.others.replaced.length + f.others.deleted.length)) {
        const limit = max === GITHUB_COMMENT_LIMIT ? `GitHub's ${max.toLocaleString("en-US")}-character comment limit` : `the ${max.toLocaleString("en-US")}-character limit`;
        out.push("", `**Left out to stay under ${limit}:**`);
        if (brief.length) out.push(`- the field diff, plan, analysis and policy details of ${releaseList(brief)}`);
        if (hidden.length) {
            const verdicts = new Map<string, number>();
            for (const r of hidden) verdicts.set(VERDICT_WORDS[r.verdict], (verdicts.get(VERDICT_WORDS[r.verdict]) ?? 0) + 1);
            out.push(`- the whole section of ${releaseList(hidden)} (verdicts: ${[...verdicts].map(([v, n]) => `${n} ${v}`).join(", ")})`);
        }
        if (b.dropNames && f.others.replaced.length + f.others.deleted.length) out.push("- the names of the other replaced and deleted resources");
        out.push("", "Run `pulumi preview` for the full output.");
    }
    return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

function releaseList(rs: ReleaseFacts[]): string {
    const names = rs.slice(0, 20).map((r) => `\`${r.name}\``).join(", ");
    return `${rs.length} release${rs.length === 1 ? "" : "s"}: ${names}${rs.length > 20 ? `, and ${rs.length - 20} more` : ""}`;
}

function failureWords(f: ReportFacts): string {
    const mandatory = [...f.otherPolicy, ...f.releases.flatMap((r) => r.policy)].filter((v) => v.enforcementLevel === "mandatory").length;
    const why = [
        mandatory ? `${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"}` : undefined,
        f.releases.some((r) => r.errors.length) || f.errors.length ? "errors below" : undefined,
    ].filter(Boolean).join(" and ");
    return `**The preview failed${why ? ` (${why})` : ""}:** this change cannot be applied as it is. What the preview did see is below.`;
}

const EVENT_STREAM = "Give the report the event stream (`PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true pulumi preview --json ...`) to see them.";

function policySummary(f: ReportFacts): string | undefined {
    if (!f.policyKnown) {
        return `_Policy results are not in this input: the document of \`pulumi preview --json\` leaves them out. ${EVENT_STREAM}_`;
    }
    const all = [...f.otherPolicy, ...f.releases.flatMap((r) => r.policy)];
    if (!all.length) return undefined;
    return `**Policy:** ${countByLevel(all)}.`;
}

function countByLevel(vs: PolicyViolation[]): string {
    const counts = new Map<string, number>();
    for (const v of vs) counts.set(v.enforcementLevel, (counts.get(v.enforcementLevel) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => levelRank(a) - levelRank(b)).map(([level, n]) => `${n} ${level}`).join(", ");
}
const levelRank = (l: string) => ["mandatory", "advisory", "remediate"].indexOf(l) + 1 || 9;

function releaseHead(r: ReleaseFacts, b: Budget): string[] {
    const out = [`### \`${r.name}\`: ${VERDICT_WORDS[r.verdict]}`, ""];
    const facts: string[] = [];
    facts.push(`**Verdict:** ${VERDICT_WORDS[r.verdict]}${r.effect && r.verdict !== "removed" ? `. The component says: ${cap(r.effect, b.cell * 2)}.` : "."}`);
    if (r.release !== r.name) facts.push(`**Rollout:** \`${r.release}\``);
    if (r.verdict === "removed") {
        facts.push("**Live:** not read: the component is taken out of the program");
    } else if (r.standing) {
        facts.push(`**Live:** ${cap(r.standing, b.cell * 2)}`);
    } else if (r.verdict !== "failed") {
        facts.push("**Live:** not in this preview (the component logged no live read)");
    }
    if (r.control) facts.push(`**Control:** ${cap(r.control, b.cell * 2)}`);
    for (const w of [...r.liveWarnings, ...r.removalWarnings]) facts.push(`**Warning:** ${cap(w, b.cell * 2)}`);
    if (r.policy.length) facts.push(`**Policy:** ${countByLevel(r.policy)}`);
    if (r.objects.length) {
        const shown = r.objects.slice(0, b.names).map((o) => `${o.op} ${o.kind} \`${o.name}\``).join(", ");
        facts.push(`**Objects:** ${shown}${r.objects.length > b.names ? `, and ${r.objects.length - b.names} more` : ""}`);
    }
    out.push(facts.join("  \n"), "");
    for (const e of r.errors) out.push(...codeBlock(e, b.cell * 10), "");
    return out;
}

function releaseDetails(r: ReleaseFacts, b: Budget): string[] {
    const out: string[] = [];
    if (r.changes.length) {
        out.push("**What changes**", "", "| part | field | old | new |", "| --- | --- | --- | --- |");
        for (const c of r.changes) out.push(`| ${c.group} | \`${c.path}\` | ${value(c.old, b.cell)} | ${value(c.new, b.cell)} |`);
        out.push("");
    } else if (!r.argumentsKnown && ["create", "update", "replace"].includes(r.op)) {
        out.push(`_The arguments that change and the plan are not in this input: the document of \`pulumi preview --json\` leaves the component's outputs out. ${EVENT_STREAM}_`, "");
    } else if ((r.op === "update" || r.op === "replace") && r.verdict !== "failed") {
        out.push("No argument of the component changes; only what it creates from them does.", "");
    }
    if (r.plan && r.verdict !== "removed") {
        const first = r.verdict === "first" ? " This first release skips the stages (Argo Rollouts' rule for a Rollout's first deploy); they apply from the next release." : "";
        out.push(`**Plan:** full promotion ${r.plan.rows.length ? `after ${r.plan.timingWords}` : "at once"}.${first}`, "");
        if (r.plan.rows.length) {
            out.push("| stage | canary weight | wait | analysis |", "| --- | --- | --- | --- |");
            for (const s of r.plan.rows) out.push(`| ${s.stage} | ${s.weight} | ${s.wait} | ${s.analysis} |`);
            if (r.plan.rows[r.plan.rows.length - 1].weight !== "100%") out.push("| full promotion | 100% | | |");
            out.push("");
        }
        for (const n of r.plan.notes) out.push(`- ${cell(n, b.cell * 2)}`);
        if (r.plan.notes.length) out.push("");
    }
    if (r.metrics.length && r.verdict !== "removed") {
        out.push("**Analysis** (a failed analysis aborts the release: traffic goes back to the stable version)", "",
            "| metric | passes when | fails when | every | measurements | failure limit | runs |", "| --- | --- | --- | --- | --- | --- | --- |");
        for (const m of r.metrics) {
            const cond = (t: string) => (m.custom ? code(t, b.cell) : cell(t, b.cell));
            out.push(`| \`${m.name}\` | ${cond(m.passes)} | ${cond(m.fails)} | ${m.every} | ${m.measurements} | ${m.failureLimit} | ${m.runs} |`);
        }
        out.push("");
    }
    if (r.policy.length) out.push(...policyList(r.policy, b), "");
    return out;
}

function policyList(vs: PolicyViolation[], b: Budget): string[] {
    const out = ["**Policy violations**", ""];
    const levels = [...new Set(vs.map((v) => v.enforcementLevel))].sort((x, y) => levelRank(x) - levelRank(y));
    for (const level of levels) {
        out.push(`- **${level}**`);
        for (const v of vs.filter((x) => x.enforcementLevel === level)) {
            const on = v.urn ? parseUrn(v.urn) : undefined;
            out.push(`  - \`${v.policyName}\`${on ? ` on ${on.type.split(":").pop()} \`${on.name}\`` : ""}: ${cell(v.message, b.cell * 2)}`);
        }
    }
    return out;
}

function othersSection(f: ReportFacts, b: Budget): string[] {
    const ops = Object.entries(f.others.counts).filter(([, n]) => n > 0);
    const out: string[] = [];
    if (f.otherPolicy.length) out.push("### Other resources' policy results", "", ...policyList(f.otherPolicy, b).slice(2), "");
    if (!ops.length) return out;
    out.push("### Other resources", "", "| operation | resources |", "| --- | --- |");
    for (const [op, n] of ops) out.push(`| ${op} | ${n} |`);
    out.push("");
    if (!b.dropNames) {
        for (const [label, names] of [["Replaced", f.others.replaced], ["Deleted", f.others.deleted]] as const) {
            if (!names.length) continue;
            const shown = names.slice(0, b.names).map((n) => `\`${n}\``).join(", ");
            out.push(`${label}: ${shown}${names.length > b.names ? `, and ${names.length - b.names} more` : ""}.`, "");
        }
    }
    return out;
}

function value(v: unknown, max: number): string {
    if (v === undefined || v === null) return "_unset_";
    if (v === UNKNOWN) return "_known after the update_";
    if (v === "[secret]") return "_secret_";
    return code(typeof v === "string" ? v : JSON.stringify(v, (_k, x) => (x === UNKNOWN ? "(known after the update)" : x)), max);
}

function code(text: string, max: number): string {
    const t = cap(oneLine(text), max).replace(/\|/g, "\\|");
    const fence = t.includes("`") ? "``" : "`";
    return `${fence}${fence === "``" ? " " : ""}${t}${fence === "``" ? " " : ""}${fence}`;
}

function cell(text: string, max: number): string {
    return cap(oneLine(text), max).replace(/\|/g, "\\|");
}

function codeBlock(text: string, max: number): string[] {
    const body = cap(text, max);
    const fence = body.includes("```") ? "~~~~" : "```";
    return [`${fence}text`, body, fence];
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();
const cap = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export type { FieldChange };
