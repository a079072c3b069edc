// Durations as Argo Rollouts reads them: Go's time.ParseDuration grammar ("1h30m", "90s"),
// and for pauses also a bare number of seconds ("30").
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const GO_DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;

/** Seconds in a Go duration string, or undefined when it does not parse. */
export function goDurationSeconds(text: string): number | undefined {
    if (!GO_DURATION.test(text)) return undefined;
    let total = 0;
    for (const [, amount, unit] of text.matchAll(GO_DURATION_PART)) total += Number(amount) * UNIT_SECONDS[unit];
    return total;
}

/** Seconds in a pause duration (Go duration or bare integer seconds), or undefined. */
export function pauseSeconds(text: string): number | undefined {
    if (/^\d+$/.test(text)) return Number(text);
    return goDurationSeconds(text);
}

/** A short human form for plans: "300s" -> "5m", "5400s" -> "1h30m". */
export function humanDuration(seconds: number): string {
    if (seconds < 60 || !Number.isInteger(seconds)) return `${seconds}s`;
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}`;
}
