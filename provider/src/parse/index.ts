// Step 1 of the pipeline: check the arguments and report every problem at once, each with its
// property path and the rule it breaks, as a pulumi.InputPropertiesError (which a component
// provider returns to any SDK language, and the engine prints property by property).
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { CanaryDeliveryArgs } from "../args";
import { normalize } from "./normalize";
import { formatPath } from "./path";
import type { ErrorReader } from "./error-reader";
import { crossFieldProblems, Problem, warnings } from "./rules";
import { quote } from "./rules/problem";
import { argsSchema } from "./schema";
import { isUnder, RESERVED_KEY_REASON, snapshot } from "./snapshot";
import { closest, knownKeysAt } from "./suggest";
import { isUnresolved, PLAIN_REQUIRED } from "./zod-helpers";

export { formatPath } from "./path";
export type { ErrorReader } from "./error-reader";
export { thisProcessErrorReader } from "./error-reader";

export interface Parsed {
    /** The arguments as read once, as plain data, with YAML-friendly forms normalized (`pause: 0` -> "0"). */
    args: CanaryDeliveryArgs;
    /** The release name after defaulting to the resource name. */
    release: string;
    /** Advisory messages: the release works, with a caveat. */
    warnings: string[];
}

/**
 * Checks `args`; returns them with the release name, or throws InputPropertiesError listing every
 * problem, in the form `reader` prints each problem once in (see error-reader.ts).
 */
export function parseArgs(resourceName: string, args: CanaryDeliveryArgs, reader: ErrorReader = "program", droppedKeys: readonly string[] = []): Parsed {
    const examined = examine(resourceName, args, droppedKeys);
    if (examined.problems.length > 0) throw toInputPropertiesError(resourceName, examined.problems, reader);
    const plainArgs = normalize(examined.args);
    const release = plainArgs.releaseName ?? resourceName;
    return { args: plainArgs, release, warnings: warnings({ args: plainArgs, release }) };
}

/** Every problem with `args`, shape and cross-field, sorted by path (ports[2] before ports[10]). */
export function findProblems(resourceName: string, args: CanaryDeliveryArgs): Problem[] {
    return examine(resourceName, args).problems;
}

/**
 * `droppedKeys`: paths of reserved keys the plugin's decoding dropped before the arguments got here
 * (plugin/dropped-keys.ts), reported as the snapshot reports the ones it sees.
 */
function examine(resourceName: string, given: unknown, droppedKeys: readonly string[] = []): { args: CanaryDeliveryArgs; problems: Problem[] } {
    const read = snapshot(given);
    read.problems.push(...droppedKeys.map((path) => ({ path, reason: RESERVED_KEY_REASON })));
    const args = read.value as CanaryDeliveryArgs;
    const shape = argsSchema.safeParse(args);
    const found = shape.success ? [] : shape.error.issues.flatMap((issue) => fromZodIssue(issue, args));
    if (typeof args === "object" && args !== null && !Array.isArray(args)) {
        const release = typeof args.releaseName === "string" ? args.releaseName : resourceName;
        found.push(...crossFieldProblems({ args, release }, !shape.success || read.problems.length > 0));
    }
    // What could not be read is reported once, as such, not again as missing or mistyped.
    const problems = [...read.problems, ...found.filter((p) => !read.unreadable.some((u) => isUnder(p.path, u)))];
    return { args, problems: dedupe(problems).sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true })) };
}

/** Problems listed one by one (in the message or in the engine's per-property lines); the rest are counted. */
export const MAX_IN_MESSAGE = 20;

/**
 * The error for `problems`. Its property errors carry each problem; for a program its message lists
 * them too (the runtime prints only the message), for the plugin it only counts them (the engine
 * prints the message, then each property error).
 */
export function toInputPropertiesError(resourceName: string, problems: Problem[], reader: ErrorReader = "program"): pulumi.InputPropertiesError {
    const shown = problems.slice(0, MAX_IN_MESSAGE);
    const count = `CanaryDelivery "${resourceName}" has ${problems.length} invalid argument${problems.length === 1 ? "" : "s"}`;
    const lines = shown.map((p) => `  - ${p.path}: ${p.reason}`);
    if (problems.length > shown.length) lines.push(`  - and ${problems.length - shown.length} more`);
    const error = new pulumi.InputPropertiesError({
        message: reader === "provider"
            ? `${count}${problems.length > shown.length ? ` (the first ${shown.length} follow)` : ""}`
            : `${count}:\n${lines.join("\n")}`,
        errors: shown.map((p) => ({ propertyPath: p.path, reason: p.reason })),
    });
    // Thrown in a TypeScript program, an InputPropertiesError is an unhandled exception that the Node.js
    // runtime prints with its stack trace; a RunError is printed as its message alone. Marked as both
    // (RunError.isInstance reads this flag), it reads as a clean list of problems there, and the plugin's
    // provider server, which checks InputPropertiesError first, still returns it property by property.
    Object.defineProperty(error, "__pulumiRunError", { value: true });
    return error;
}

function fromZodIssue(issue: z.core.$ZodIssue, args: unknown): Problem[] {
    const path = formatPath(issue.path);
    if (issue.code === "unrecognized_keys") {
        const known = knownKeysAt(argsSchema, issue.path);
        return issue.keys.map((key) => {
            const near = closest(key, known);
            return { path: formatPath([...issue.path, key]), reason: near ? `is not a known property; did you mean "${near}"?` : "is not a known property" };
        });
    }
    if (issue.code === "invalid_key") {
        // A map key that breaks the key rule: the rule's own message, at the key.
        return issue.issues.map((inner) => ({ path: path || "args", reason: inner.message }));
    }
    if (issue.code === "invalid_type") {
        const value = valueAt(args, issue.path);
        if (value === undefined) return [{ path: path || "args", reason: "is required" }];
        if (isUnresolved(value)) return [{ path, reason: PLAIN_REQUIRED }];
        if ((issue.expected === "number" || issue.expected === "int") && typeof value === "number" && !Number.isFinite(value)) {
            return [{ path, reason: `must be a finite number, got ${describe(value)}` }];
        }
        // A fractional number where a whole one is expected: the schema's own message says which.
        if (issue.expected === "int" && typeof value === "number") return [{ path, reason: issue.message }];
        return [{ path: path || "args", reason: `must be ${article(issue.expected)}, got ${describe(value)}` }];
    }
    return [{ path: path || "args", reason: issue.message }];
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let value = root;
    for (const part of path) {
        if (typeof value !== "object" || value === null) return undefined;
        value = (value as Record<PropertyKey, unknown>)[part];
    }
    return value;
}

function article(expected: string): string {
    const word = expected === "int" ? "whole number" : expected === "record" ? "map of strings" : expected;
    return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** A value as a message names it: strings quoted and cut, NaN and Infinity by name. */
export function describe(value: unknown): string {
    if (Array.isArray(value)) return "an array";
    if (value === null) return "null";
    if (typeof value === "string") return `the string ${quote(value)}`;
    if (typeof value === "object") return "an object";
    if (typeof value === "number" && Number.isNaN(value)) return "NaN";
    if (typeof value === "number" && !Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
    if (typeof value === "function") return "a function";
    if (typeof value === "symbol") return "a symbol";
    return `${typeof value} ${String(value)}`;
}

function dedupe(problems: Problem[]): Problem[] {
    const seen = new Set<string>();
    return problems.filter((p) => {
        const key = `${p.path}\u0000${p.reason}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}
