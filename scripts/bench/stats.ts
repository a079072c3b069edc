// The benchmark's arithmetic and its table: medians, pair-by-pair ratios, ranges, and the
// cost of each added release. Pure, so tests/unit/bench-stats.spec.ts holds it.

export function median(xs: number[]): number {
    if (xs.length === 0) return NaN;
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** One measured operation at one size: the baseline's and the candidate's seconds, pair by pair. */
export interface Row {
    op: string;
    n: number;
    baseline: number[];
    candidate: number[];
    /** 1-minute load average when the row's last pair ended. */
    load: number;
}

export interface Summary {
    op: string;
    n: number;
    baseline: number;
    candidate: number;
    /** Median of candidate[i] / baseline[i]. */
    ratio: number;
    ratioRange: [number, number];
    baselineRange: [number, number];
    candidateRange: [number, number];
    load: number;
    /** Seconds per added release since the previous size of the same op, per side. */
    perRelease?: { baseline: number; candidate: number };
}

const range = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

/** Summaries in the rows' order; the per-release cost compares each size with the next smaller one. */
export function summarize(rows: Row[]): Summary[] {
    const out: Summary[] = [];
    for (const row of rows) {
        const pairs = Math.min(row.baseline.length, row.candidate.length);
        const ratios = Array.from({ length: pairs }, (_, i) => row.candidate[i] / row.baseline[i]);
        const s: Summary = {
            op: row.op, n: row.n,
            baseline: median(row.baseline), candidate: median(row.candidate),
            ratio: median(ratios), ratioRange: range(ratios),
            baselineRange: range(row.baseline), candidateRange: range(row.candidate), load: row.load,
        };
        const smaller = [...out].reverse().find((p) => p.op === row.op && p.n < row.n);
        if (smaller) {
            const dn = row.n - smaller.n;
            s.perRelease = { baseline: (s.baseline - smaller.baseline) / dn, candidate: (s.candidate - smaller.candidate) / dn };
        }
        out.push(s);
    }
    return out;
}

const sec = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "-");
const ratio = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "-");

/** A Markdown table (it reads as well in a terminal as in the README). */
export function table(summaries: Summary[]): string {
    const head = ["operation", "N", "baseline s", "candidate s", "ratio", "ratio min–max", "baseline min–max", "candidate min–max", "s/added release (base / cand)", "load"];
    const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
    for (const s of summaries) {
        lines.push(`| ${[
            s.op, String(s.n), sec(s.baseline), sec(s.candidate), `${ratio(s.ratio)}×`,
            `${ratio(s.ratioRange[0])}–${ratio(s.ratioRange[1])}`,
            `${sec(s.baselineRange[0])}–${sec(s.baselineRange[1])}`,
            `${sec(s.candidateRange[0])}–${sec(s.candidateRange[1])}`,
            s.perRelease ? `${s.perRelease.baseline.toFixed(3)} / ${s.perRelease.candidate.toFixed(3)}` : "",
            s.load.toFixed(2),
        ].join(" | ")} |`);
    }
    return lines.join("\n");
}
