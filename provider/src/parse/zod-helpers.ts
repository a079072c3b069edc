// Small zod building blocks shared by the argument schema: Input-aware values, Kubernetes name
// rules and Argo durations, each failing with the rule it enforces.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { goDurationFits, goDurationSeconds, INT32_MAX, pauseSeconds } from "../core/duration";
import { labelValue, qualifiedName } from "../names";
import { quote } from "./rules/problem";

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
        if (value === undefined) {
            ctx.addIssue({ code: "custom", message: "is required", input: value });
            return;
        }
        const result = schema.safeParse(value);
        if (result.success) return;
        // The inner issues as they are (their kind decides their wording), at their place below this one.
        for (const issue of result.error.issues) ctx.addIssue({ ...issue, input: value } as Parameters<typeof ctx.addIssue>[0]);
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
    const map = z.record(rule(qualifiedName), value);
    return input(kind === "annotation" ? map.superRefine(annotationsFit) : map);
}

/** Kubernetes limits the annotations of one object to 256 KiB, keys and values together. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

export function annotationsFit(map: Record<string, unknown>, ctx: z.core.$RefinementCtx) {
    let bytes = 0;
    for (const [key, value] of Object.entries(map)) bytes += Buffer.byteLength(key) + (typeof value === "string" ? Buffer.byteLength(value) : 0);
    if (bytes > MAX_ANNOTATIONS_BYTES) {
        ctx.addIssue({ code: "custom", message: `must total at most 256 KiB (keys and values; Kubernetes' limit), got ${bytes} bytes`, input: map });
    }
}

/** A whole number within [min, max]; max defaults to the int32 range of the Kubernetes field it lands in. */
export const int = (min: number, max: number = INT32_MAX) =>
    z.number().int("must be a whole number").min(min, `must be at least ${min}`).max(max, max === INT32_MAX ? `must be at most ${INT32_MAX} (a 32-bit integer in Kubernetes)` : `must be at most ${max}`);



export const percent = () => z.number().min(0, "must be a percentage from 0 to 100").max(100, "must be a percentage from 0 to 100");

export const nonEmpty = () => z.string().min(1, "must not be empty");

const TOO_LONG_FOR_GO = "must fit Go's time.Duration (at most 2562047h47m16s)";

/**
 * An Argo analysis or Istio duration: Go's time.ParseDuration grammar, positive and within Go's range;
 * `least` names a floor of the field (Istio's CRD rules want at least 1ms).
 */
export const duration = (least?: { seconds: number; text: string; why: string }) =>
    rule((text) => {
        const seconds = goDurationSeconds(text);
        if (seconds === undefined) return `must be a duration such as "30s", "5m" or "1h30m", got ${quote(text)}`;
        if (seconds <= 0) return `must be a duration greater than 0, got ${quote(text)}`;
        if (least && seconds < least.seconds) return `must be at least ${least.text} (${least.why}), got ${quote(text)}`;
        if (!goDurationFits(text)) return `${TOO_LONG_FOR_GO}, got ${quote(text)}`;
        return undefined;
    });

const PAUSE_FORMS = 'a duration such as "30s", "5m" or "1h30m", a whole number of seconds, or 0, "0" or "" to wait until promoted';

/**
 * A pause: a Go duration, a whole number of seconds (as a string or a number), or 0/"0"/"" (wait
 * until promoted). A zero duration such as "0s" is refused: Argo reads it as no wait at all, this
 * component's "0" as a wait until promoted, and the two must not be one typo apart.
 */
export const pause = () =>
    z.any().superRefine((value, ctx) => {
        const reason = pauseProblem(value);
        if (reason) ctx.addIssue({ code: "custom", message: reason, input: value });
    });

function pauseProblem(value: unknown): string | undefined {
    if (typeof value === "number") {
        if (!Number.isFinite(value)) return `must be ${PAUSE_FORMS}, got ${Number.isNaN(value) ? "NaN" : "Infinity"}`;
        if (!Number.isInteger(value) || value < 0) return `must be a whole number of seconds from 0, got ${value}`;
        if (value > INT32_MAX) return `must be at most ${INT32_MAX} seconds (a 32-bit integer in Argo), got ${value}`;
        return undefined;
    }
    if (typeof value !== "string") return `must be ${PAUSE_FORMS}, got ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}`;
    const text = value.trim();
    if (text === "") return undefined;
    if (/^\d+$/.test(text)) {
        return Number(text) > INT32_MAX ? `must be at most ${INT32_MAX} seconds (a 32-bit integer in Argo), got ${quote(value)}` : undefined;
    }
    const seconds = pauseSeconds(text);
    if (seconds === undefined) return `must be ${PAUSE_FORMS}, got ${quote(value)}`;
    if (!goDurationFits(text)) return `${TOO_LONG_FOR_GO}, got ${quote(value)}`;
    if (seconds === 0) return `is ambiguous: Argo reads ${quote(value)} as no wait, this component's "0" as a wait until promoted; write "0" to wait until promoted, or omit pause`;
    if (seconds < 1) return `must be at least 1s (Argo counts a pause in whole seconds, so ${quote(value)} would not wait), got ${quote(value)}`;
    return undefined;
}

/** A Kubernetes int-or-percent ("1", "25%"), written as a string because the public args have no unions. */
export const intOrPercent = () =>
    rule((text) => (/^\d+%?$/.test(text) && (!text.endsWith("%") || Number(text.slice(0, -1)) <= 100)
        ? undefined
        : `must be a whole number ("1") or a percentage ("25%"), got ${quote(text)}`));

/** The values of an `as const` enum object, as a zod enum that names the allowed values when it fails. */
export function oneOf<T extends Record<string, string>>(values: T) {
    const allowed = Object.values(values) as [string, ...string[]];
    return z.enum(allowed, { error: () => `must be one of ${allowed.map((v) => `"${v}"`).join(", ")}` });
}
