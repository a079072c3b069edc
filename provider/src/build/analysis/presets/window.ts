// The range of a rate() in a preset query (at least a minute, see resolve/analysis.ts), written
// as PromQL reads it.

const PROMETHEUS_UNITS: [unit: string, ms: number][] = [["h", 3_600_000], ["m", 60_000], ["s", 1000], ["ms", 1]];

/**
 * A range as a Prometheus duration: a whole number of one unit, the largest that divides it ("90s",
 * "5m", "2h"). PromQL reads no fractions ("1.5m") and no Go forms such as "1m0s", so a window is never
 * copied from the user's Go duration; one whole unit is the plainest form every Prometheus reads.
 */
export function rateWindow(seconds: number): string {
    const ms = Math.max(1, Math.round(seconds * 1000));
    const [unit, size] = PROMETHEUS_UNITS.find(([, size]) => ms % size === 0)!;
    return `${ms / size}${unit}`;
}

/** A percentage as a ratio, without binary noise (99.9 -> 0.999, not 0.9990000000000001). */
export function ratio(percent: number): number {
    return Number((percent / 100).toPrecision(12));
}

/**
 * A condition that passes when the canary saw no traffic in the window (empty or NaN result),
 * so a quiet canary is not rolled back for lack of data.
 */
export function passWhenNoData(condition: string): string {
    return `len(result) == 0 || isNaN(result[0]) || ${condition}`;
}
