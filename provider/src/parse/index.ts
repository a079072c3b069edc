// Step 1 of the pipeline: check the arguments and report every problem at once, each with its
// property path and the rule it breaks, as a pulumi.InputPropertiesError (which the engine prints
// property by property, and which a component provider returns to any SDK language).
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { CanaryDeliveryArgs } from "../args";
import { crossFieldProblems, Problem, warnings } from "./rules";
import { argsSchema } from "./schema";
import { isUnresolved, PLAIN_REQUIRED } from "./zod-helpers";

export interface Parsed {
    args: CanaryDeliveryArgs;
    /** The release name after defaulting to the resource name. */
    release: string;
    /** Advisory messages: the release works, with a caveat. */
    warnings: string[];
}

/** Checks `args`; returns them with the release name, or throws InputPropertiesError listing every problem. */
export function parseArgs(resourceName: string, args: CanaryDeliveryArgs): Parsed {
    const problems = findProblems(resourceName, args);
    if (problems.length > 0) throw toInputPropertiesError(resourceName, problems);
    const release = args.releaseName ?? resourceName;
    return { args, release, warnings: warnings({ args, release }) };
}

/** Every problem with `args`, shape and cross-field, sorted by path. */
export function findProblems(resourceName: string, args: CanaryDeliveryArgs): Problem[] {
    const shape = argsSchema.safeParse(args);
    const problems = shape.success ? [] : shape.error.issues.flatMap((issue) => fromZodIssue(issue, args));
    if (typeof args === "object" && args !== null) {
        const release = typeof args.releaseName === "string" ? args.releaseName : resourceName;
        problems.push(...crossFieldProblems({ args, release }, !shape.success));
    }
    return dedupe(problems).sort((a, b) => a.path.localeCompare(b.path));
}

export function toInputPropertiesError(resourceName: string, problems: Problem[]): pulumi.InputPropertiesError {
    const lines = problems.map((p) => `  - ${p.path}: ${p.reason}`);
    return new pulumi.InputPropertiesError({
        message: `CanaryDelivery "${resourceName}" has ${problems.length} invalid argument${problems.length === 1 ? "" : "s"}:\n${lines.join("\n")}`,
        errors: problems.map((p) => ({ propertyPath: p.path, reason: p.reason })),
    });
}

/** "steps", 2, "weight" -> "steps[2].weight". */
export function formatPath(path: readonly PropertyKey[]): string {
    return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), "");
}

function fromZodIssue(issue: z.core.$ZodIssue, args: unknown): Problem[] {
    const path = formatPath(issue.path);
    if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), reason: "is not a known property" }));
    }
    if (issue.code === "invalid_type") {
        const value = valueAt(args, issue.path);
        if (value === undefined) return [{ path: path || "args", reason: "is required" }];
        if (isUnresolved(value)) return [{ path, reason: PLAIN_REQUIRED }];
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
    const word = expected === "int" ? "whole number" : expected;
    return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function describe(value: unknown): string {
    if (Array.isArray(value)) return "an array";
    if (value === null) return "null";
    if (typeof value === "string") return `the string "${value}"`;
    if (typeof value === "object") return "an object";
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
