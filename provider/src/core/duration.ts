// Durations as Argo Rollouts reads them: Go's time.ParseDuration grammar ("1h30m", "90s"),
// and for pauses also a bare number of seconds ("30").
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const GO_DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;

const UNIT_NANOS: Record<string, bigint> = { ns: 1n, us: 1_000n, "µs": 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
const GO_DURATION_PART_EXACT = /(\d+)(?:\.(\d+))?(ns|us|µs|ms|s|m|h)/g;

/** Go's time.Duration is an int64 of nanoseconds: about 2,562,047 hours. */
export const GO_DURATION_MAX_NANOS = (1n << 63n) - 1n;
/** Kubernetes and Argo integer fields (replicas, seconds, a pause as a number) are int32. */
export const INT32_MAX = 2_147_483_647;

/** Seconds in a Go duration string, or undefined when it does not parse. */
export function goDurationSeconds(text: string): number | undefined {
    if (!GO_DURATION.test(text)) return undefined;
    let total = 0;
    for (const [, amount, unit] of text.matchAll(GO_DURATION_PART)) total += Number(amount) * UNIT_SECONDS[unit];
    return total;
}

/** Nanoseconds in a Go duration string, exactly (fractions cut as Go cuts them), or undefined when it does not parse. */
export function goDurationNanos(text: string): bigint | undefined {
    if (!GO_DURATION.test(text)) return undefined;
    let total = 0n;
    for (const [, whole, fraction, unit] of text.matchAll(GO_DURATION_PART_EXACT)) {
        const scale = UNIT_NANOS[unit];
        total += BigInt(whole) * scale;
        if (fraction) {
            const digits = fraction.slice(0, 18);
            total += (BigInt(digits) * scale) / 10n ** BigInt(digits.length);
        }
    }
    return total;
}

/** Whether a Go duration string fits Go's time.Duration (time.ParseDuration fails above it). */
export function goDurationFits(text: string): boolean {
    const nanos = goDurationNanos(text);
    return nanos !== undefined && nanos <= GO_DURATION_MAX_NANOS;
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
