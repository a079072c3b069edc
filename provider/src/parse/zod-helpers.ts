// Small zod building blocks shared by the argument schema: Input-aware values, Kubernetes name
// rules and Argo durations, each failing with the rule it enforces.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { goDurationSeconds, pauseSeconds } from "../duration";
import { labelValue, qualifiedName } from "../names";

/** An Output or a Promise: its value is not known while parsing (and may be unknown at preview). */
export function isUnresolved(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || (typeof value === "object" && value !== null && typeof (value as PromiseLike<unknown>).then === "function");
}

/** A rule as a zod refinement: `check` returns the rule broken, or undefined. */
export function rule(check: (value: string) => string | undefined) {
    return z.string().superRefine((value, ctx) => {
        const reason = check(value);
        if (reason) ctx.addIssue({ code: "custom", message: reason, input: value });
    });
}

/**
 * A `pulumi.Input<T>` argument: checked with `schema` when it is a plain value, accepted unchecked when
 * it is an Output or a Promise (its value is only known later; the API server checks it then).
 */
export function input(schema: z.ZodType) {
    return z.any().superRefine((value, ctx) => {
        if (isUnresolved(value)) return;
        const result = schema.safeParse(value);
        if (result.success) return;
        for (const issue of result.error.issues) {
            ctx.addIssue({ code: "custom", message: issue.message, path: issue.path as PropertyKey[], input: value });
        }
    });
}

export const PLAIN_REQUIRED =
    "must be a plain value known at preview, not an Output or a Promise: it decides which objects the release creates";

/** A plain argument: an Output or a Promise is reported as such instead of as a type mismatch. */
export function plain<T extends z.ZodType>(schema: T) {
    return z
        .any()
        .superRefine((value, ctx) => {
            if (isUnresolved(value)) ctx.addIssue({ code: "custom", message: PLAIN_REQUIRED, input: value });
        })
        .pipe(schema);
}

/** A plain object with exactly these properties. */
export function obj<S extends z.core.$ZodLooseShape>(shape: S) {
    return plain(z.strictObject(shape));
}

/** A plain array, with at least `min` items (and the rule saying so) when given. */
export function arr<T extends z.ZodType>(item: T, min?: { count: number; message: string }) {
    const array = z.array(item);
    return plain(min ? array.min(min.count, min.message) : array);
}

/** A map of labels or annotations, itself an Input and with Input values. */
export function inputStringMap(kind: "label" | "annotation") {
    const value = kind === "label" ? input(rule(labelValue)) : input(z.string());
    return input(z.record(rule(qualifiedName), value));
}

export const int = (min: number, max?: number) => {
    const base = z.number().int("must be a whole number").min(min, `must be at least ${min}`);
    return max === undefined ? base : base.max(max, `must be at most ${max}`);
};

export const percent = () => z.number().min(0, "must be a percentage from 0 to 100").max(100, "must be a percentage from 0 to 100");

export const nonEmpty = () => z.string().min(1, "must not be empty");

/** An Argo analysis or Istio duration: Go's time.ParseDuration grammar, positive. */
export const duration = () =>
    rule((text) => {
        const seconds = goDurationSeconds(text);
        if (seconds === undefined) return `must be a duration such as "30s", "5m" or "1h30m", got "${text}"`;
        if (seconds <= 0) return `must be a duration greater than 0, got "${text}"`;
        return undefined;
    });

/** A pause: a duration, a bare number of seconds, or ""/"0" (wait until promoted). */
export const pause = () =>
    rule((text) =>
        text.trim() === "" || pauseSeconds(text.trim()) !== undefined
            ? undefined
            : `must be a duration such as "30s", "5m" or "1h30m", a number of seconds, or "0"/"" to wait until promoted, got "${text}"`,
    );

/** A Kubernetes int-or-percent ("1", "25%"), written as a string because the public args have no unions. */
export const intOrPercent = () =>
    rule((text) => (/^\d+%?$/.test(text) && (!text.endsWith("%") || Number(text.slice(0, -1)) <= 100)
        ? undefined
        : `must be a whole number ("1") or a percentage ("25%"), got "${text}"`));

/** The values of an `as const` enum object, as a zod enum that names the allowed values when it fails. */
export function oneOf<T extends Record<string, string>>(values: T) {
    const allowed = Object.values(values) as [string, ...string[]];
    return z.enum(allowed, { error: () => `must be one of ${allowed.map((v) => `"${v}"`).join(", ")}` });
}
