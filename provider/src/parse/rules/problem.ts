// A broken rule found while parsing, tied to the argument path it concerns.
import type { CanaryDeliveryArgs } from "../../args";

export interface Problem {
    /** Argument path, e.g. "steps[2].weight". */
    path: string;
    /** The rule broken, as a sentence fragment ("must be at most 100"). */
    reason: string;
}

export interface RuleContext {
    args: CanaryDeliveryArgs;
    /** The release name after defaulting (the resource name when releaseName is unset). */
    release: string;
}

export type Rule = (ctx: RuleContext) => Problem[];

/** Exactly-one-of check over optional fields; returns the problem or nothing. */
export function exactlyOne(obj: object, keys: string[], path: string, what = "set exactly one of"): Problem[] {
    const set = keys.filter((k) => (obj as Record<string, unknown>)[k] !== undefined);
    if (set.length === 1) return [];
    const list = keys.join(", ");
    return [{ path, reason: set.length === 0 ? `must ${what} ${list}` : `must ${what} ${list}; got ${set.join(" and ")}` }];
}

/** A present, non-array object; keeps the declared type so rules read typed fields. */
export function isObj<T>(v: T): v is NonNullable<T> & object {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
export const list = <T>(v: T[] | undefined): T[] => (Array.isArray(v) ? v : []);

/** Longest echo of a user's value in a message; longer ones are cut with "…". */
export const MAX_ECHO = 80;
/** Most items named in a list inside a message; the rest are counted ("and N more"). */
export const MAX_LISTED = 10;

/** A user's string, quoted and cut to a readable length, with control characters made visible. */
export function quote(text: string): string {
    const cut = text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text;
    return JSON.stringify(cut);
}

/** "a, b and c"; past `max` items, "a, b, … and 7 more". */
export function listed(items: readonly string[], max = MAX_LISTED): string {
    if (items.length <= 1) return items.join("");
    if (items.length > max) return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
    return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
