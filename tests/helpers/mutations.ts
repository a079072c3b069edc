// Generated inputs: seeded, deterministic mutations of the valid scenario arguments, and what the
// pure pipeline (parse -> resolve -> build) makes of each. A mutation is either rejected with an
// InputPropertiesError whose every problem has a property path, or accepted with manifests; anything
// else (another exception, a problem without a path) is a crash. The accepted ones' manifests are
// what an API server dry-run can be given.
import * as pulumi from "@pulumi/pulumi";
import type { CanaryDeliveryArgs } from "../../provider/src/args";
import type { ReleaseManifests } from "../../provider/src/build";
import { render } from "./render";
import { SCENARIOS } from "./scenarios";

export interface Mutation {
    /** Position in the sequence (the same seed and position always give the same mutation). */
    id: number;
    /** The scenario it starts from; also the resource name. */
    base: string;
    /** What was changed, e.g. `set replicas = 2147483648; delete template.image`. */
    description: string;
    args: CanaryDeliveryArgs;
}

export type Outcome = "rejected" | "accepted" | "crash";

export interface MutationResult {
    mutation: Mutation;
    outcome: Outcome;
    /** Rejected: the property paths of the problems. */
    paths?: string[];
    /** Accepted: the manifests the release would register. */
    manifests?: ReleaseManifests;
    /** Crash: what was thrown. */
    error?: string;
}

export const DEFAULT_SEED = 0x5eed10;

/** mulberry32: a tiny seeded PRNG, good enough to pick mutations. */
function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

type Node = Record<string, unknown> | unknown[];
type Path = (string | number)[];

const INT32_MAX = 2_147_483_647;
const NUMBERS = [0, -1, 1, 2, 0.5, 99, 100, 101, 65535, 65536, INT32_MAX, INT32_MAX + 1, 2 ** 53, 1e20, -0, NaN, Infinity, -Infinity];
const STRINGS = ["", " ", "0", "0s", "30", "500ms", "5m", "1h30m", "99999999999999999999h", "2562048h", "-5m", "abc", "ABC", "a b", "a\nb", "a\rb", "a\u0000b", "\u0007",
    "x".repeat(64), "x".repeat(10_000), "é", "__proto__", "constructor", "*", "*.example.com", "shop.example.com", "http://prometheus:9090", "ftp://x", "ghcr.io/acme/Shop:1",
    "nginx:1.27", "nginx :1", "(?<=beta)x", "(a)\\1", "(?P<n>x)", "(", "result[0] > ", "result[0] >= 0.9", "mesh", "istio-system/gw", "a/b/c", "-a", "a-", "25%", "101%", "true",
    "{{args.nope}}", "sum(rate(x[5m]))"];
const ODD = [null, true, false, [], {}, [1, 2], { a: 1 }, undefined];
const KEYS = ["__proto__", "constructor", "prototype", "surprise", "app", "rollouts-pod-template-hash", "example.com/team", "Bad Key", "a/b/c", "k".repeat(64), "team"];

function pick<T>(rnd: () => number, items: readonly T[]): T {
    return items[Math.floor(rnd() * items.length)];
}

function clone<T>(value: T): T {
    if (Array.isArray(value)) return value.map(clone) as T;
    if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) as T;
    }
    return value;
}

/** Arrays and plain objects, the nodes a mutation walks into (not Outputs or Promises). */
function isNode(value: unknown): value is Node {
    if (typeof value !== "object" || value === null) return false;
    const proto = Object.getPrototypeOf(value);
    return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** Every path to a node or leaf of `root` (the root itself excluded). */
function paths(root: unknown, prefix: Path = []): Path[] {
    if (!isNode(root)) return [];
    const entries: [string | number, unknown][] = Array.isArray(root) ? root.map((v, i) => [i, v]) : Object.entries(root);
    return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

/** Every object (not array) node, with its path. */
function objects(root: unknown, prefix: Path = []): [Path, Record<string, unknown>][] {
    if (!isNode(root)) return [];
    const here: [Path, Record<string, unknown>][] = Array.isArray(root) ? [] : [[prefix, root as Record<string, unknown>]];
    const entries: [string | number, unknown][] = Array.isArray(root) ? root.map((v, i) => [i, v]) : Object.entries(root);
    return [...here, ...entries.flatMap(([k, v]) => objects(v, [...prefix, k]))];
}

function parentOf(root: Node, path: Path): Node {
    let node: unknown = root;
    for (const part of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[part];
    return node as Node;
}

const show = (path: Path) => path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").replace(/^\./, "");
const text = (v: unknown) => (typeof v === "string" ? JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v) : Number.isNaN(v) ? "NaN" : v === undefined ? "undefined" : JSON.stringify(v) ?? String(v));

/** A plausible near-miss of a key: a swap, a dropped letter, a changed case. */
function misspell(rnd: () => number, key: string): string {
    if (key.length < 3) return `${key}x`;
    const i = 1 + Math.floor(rnd() * (key.length - 2));
    switch (Math.floor(rnd() * 3)) {
        case 0: return key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
        case 1: return key.slice(0, i) + key.slice(i + 1);
        default: return key[0].toUpperCase() + key.slice(1);
    }
}

/** One change to `root`, in place; returns what it did. */
function mutateOnce(rnd: () => number, root: Record<string, unknown>): string {
    const all = paths(root);
    const kind = Math.floor(rnd() * 10);
    if (kind <= 3 && all.length > 0) {
        // Replace a value: a number with a number, a string with a string, mostly; anything sometimes.
        const path = pick(rnd, all);
        const parent = parentOf(root, path) as Record<string | number, unknown>;
        const old = parent[path[path.length - 1]];
        const pool = rnd() < 0.75 ? (typeof old === "number" ? NUMBERS : typeof old === "string" ? STRINGS : [...NUMBERS, ...STRINGS, ...ODD]) : [...NUMBERS, ...STRINGS, ...ODD];
        const value = pick(rnd, pool);
        parent[path[path.length - 1]] = value;
        return `set ${show(path)} = ${text(value)}`;
    }
    if (kind === 4 && all.length > 0) {
        const path = pick(rnd, all);
        const parent = parentOf(root, path);
        if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
        else delete parent[path[path.length - 1] as string];
        return `delete ${show(path)}`;
    }
    const nodes = objects(root);
    const [at, node] = pick(rnd, nodes);
    if (kind === 5) {
        const keys = Object.keys(node);
        const key = keys.length > 0 && rnd() < 0.6 ? misspell(rnd, pick(rnd, keys)) : pick(rnd, KEYS);
        const value = pick(rnd, [...STRINGS.slice(0, 12), ...NUMBERS.slice(0, 4)]);
        // Own property, as JSON.parse and the plugin's deserializer make it (an assignment of __proto__ would set the prototype).
        Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
        return `add ${show([...at, key])} = ${text(value)}`;
    }
    if (kind === 6) {
        // Rebuild an object without a prototype, with a reserved key sometimes.
        const bare = Object.assign(Object.create(null) as Record<string, unknown>, node);
        if (rnd() < 0.5) bare[pick(rnd, ["__proto__", "constructor", "prototype"])] = "x";
        if (at.length === 0) return "no-op (root stays)";
        (parentOf(root, at) as Record<string | number, unknown>)[at[at.length - 1]] = bare;
        return `prototype-free ${show(at)}${Object.keys(bare).some((k) => ["__proto__", "constructor", "prototype"].includes(k)) ? " with a reserved key" : ""}`;
    }
    if (kind === 7) {
        const arrays = all.filter((p) => Array.isArray((parentOf(root, p) as Record<string | number, unknown>)[p[p.length - 1]]));
        if (arrays.length > 0) {
            const path = pick(rnd, arrays);
            const array = (parentOf(root, path) as Record<string | number, unknown[]>)[path[path.length - 1]];
            const times = pick(rnd, [1, 2, 50]);
            if (array.length > 0) for (let i = 0; i < times; i++) array.push(clone(array[0]));
            return `duplicate ${show(path)}[0] x${times}`;
        }
    }
    if (kind === 8) {
        const keys = Object.keys(node);
        if (keys.length > 0) {
            const key = pick(rnd, keys);
            const value = node[key];
            const message = pick(rnd, ["boom", "x".repeat(500)]);
            Object.defineProperty(node, key, { enumerable: true, configurable: true, get: () => { throw new Error(message); } });
            void value;
            return `throwing getter ${show([...at, key])}`;
        }
    }
    // Wrap a value in an Output or a Promise: fine for Inputs, refused where the value shapes the graph.
    if (all.length > 0) {
        const path = pick(rnd, all);
        const parent = parentOf(root, path) as Record<string | number, unknown>;
        const old = parent[path[path.length - 1]];
        parent[path[path.length - 1]] = rnd() < 0.5 ? pulumi.output(old) : Promise.resolve(old);
        return `unresolved ${show(path)}`;
    }
    return "no-op";
}

/** `count` mutations of the scenarios, the same ones for the same seed. */
export function* mutations(seed = DEFAULT_SEED, count = 1500): Generator<Mutation> {
    const rnd = random(seed);
    for (let id = 0; id < count; id++) {
        const scenario = SCENARIOS[id % SCENARIOS.length];
        const args = clone(scenario.args) as unknown as Record<string, unknown>;
        const changes: string[] = [];
        const n = rnd() < 0.7 ? 1 : rnd() < 0.7 ? 2 : 3;
        for (let k = 0; k < n; k++) {
            try {
                changes.push(mutateOnce(rnd, args));
            } catch {
                // A later change tripped over an earlier throwing getter: the earlier one stands.
                changes.push("(skipped: blocked by a throwing getter)");
            }
        }
        yield { id, base: scenario.name, description: changes.join("; "), args: args as unknown as CanaryDeliveryArgs };
    }
}

/** What the pure pipeline makes of one mutation. */
export function runMutation(mutation: Mutation): MutationResult {
    try {
        const { manifests } = render(mutation.base, mutation.args);
        return { mutation, outcome: "accepted", manifests };
    } catch (err) {
        if (pulumi.InputPropertiesError.isInstance(err)) {
            const paths = err.errors.map((e) => e.propertyPath);
            if (paths.length > 0 && paths.every((p) => typeof p === "string" && p.length > 0)) return { mutation, outcome: "rejected", paths };
            return { mutation, outcome: "crash", error: `an InputPropertiesError without property paths: ${err.message}` };
        }
        return { mutation, outcome: "crash", error: err instanceof Error ? err.stack ?? err.message : String(err) };
    }
}

/** Each mutation with its result, in order: what a dry-run against an API server consumes. */
export function* mutationResults(seed = DEFAULT_SEED, count = 1500): Generator<MutationResult> {
    for (const m of mutations(seed, count)) yield runMutation(m);
}

/** Whether a manifest still holds an Output or a Promise (its value is only known at deployment). */
export function hasUnresolved(value: unknown): boolean {
    if (pulumi.Output.isInstance(value) || (typeof value === "object" && value !== null && typeof (value as PromiseLike<unknown>).then === "function")) return true;
    if (Array.isArray(value)) return value.some(hasUnresolved);
    if (typeof value === "object" && value !== null) return Object.values(value).some(hasUnresolved);
    return false;
}

/** An accepted mutation's objects, ready for an API server dry-run (`unresolved`: some value is an Output or a Promise). */
export interface AcceptedRelease {
    id: number;
    base: string;
    description: string;
    objects: { kind: string; role: string; manifest: unknown; unresolved: boolean }[];
}

/** The accepted mutations of a seed, each with the objects its release would register. */
export function* acceptedReleases(seed = DEFAULT_SEED, count = 1500): Generator<AcceptedRelease> {
    for (const r of mutationResults(seed, count)) {
        if (r.outcome !== "accepted") continue;
        yield {
            id: r.mutation.id,
            base: r.mutation.base,
            description: r.mutation.description,
            objects: r.manifests!.children.map((c) => ({ kind: c.kind, role: c.role, manifest: c.manifest, unresolved: hasUnresolved(c.manifest) })),
        };
    }
}
