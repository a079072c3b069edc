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
