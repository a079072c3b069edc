// Parser specs' shared checks: the problems findProblems reports for a small valid base release
// with some arguments changed, and assertions on them that print what was found.
import * as assert from "assert";
import type { CanaryDeliveryArgs } from "../../provider/src/args";
import { findProblems } from "../../provider/src/parse";

export const image = "ghcr.io/acme/shop:1.0";
export const base: CanaryDeliveryArgs = { template: { image }, steps: [{ weight: 10, pause: "5m" }, { weight: 50 }] };
export const prometheus = { address: "http://prometheus:9090" };

const listed = (found: { path: string; reason: string }[]) => found.map((p) => `  ${p.path}: ${p.reason}`).join("\n") || "  (nothing)";

/** The problems of the base release with `changes` applied at its top level. */
export function problems(changes: Record<string, unknown>) {
    return findProblems("app", { ...base, ...changes } as unknown as CanaryDeliveryArgs);
}

export function expectProblem(changes: Record<string, unknown>, path: string, rule: RegExp): void {
    const found = problems(changes);
    assert.ok(found.some((p) => p.path === path && rule.test(p.reason)), `expected ${path} ~ ${rule}; got:\n${listed(found)}`);
}

export function expectNoProblem(changes: Record<string, unknown>): void {
    const found = problems(changes);
    assert.deepStrictEqual(found, [], listed(found));
}
