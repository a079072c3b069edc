// The range of a rate() in a preset query: at least a minute, so a 15-30s scrape interval
// always leaves two samples in it.
import { goDurationSeconds } from "../../../core/duration";

export function rateWindow(interval: string): string {
    return (goDurationSeconds(interval) ?? 0) >= 60 ? interval : "1m";
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
