// Before any rule runs, the arguments are read once into plain objects and arrays. A getter or a
// Proxy that throws, a self-reference, a reserved key or an inherited property becomes a problem
// at its path instead of a crash or a silent change later, and every later step (the schema, the
// rules, resolve and build) reads the same values, however often it reads them.
import { formatPath } from "./path";
import { listed, Problem, quote } from "./rules/problem";
import { isUnresolved } from "./zod-helpers";

/**
 * Keys that reach into JavaScript's object machinery: assigned to a plain object, `__proto__`
 * replaces its prototype (the key disappears and the value's own keys seem to belong to the object);
 * `constructor` and `prototype` shadow built-ins that code and libraries read.
 */
export const RESERVED_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

export const RESERVED_KEY_REASON =
    'is a reserved key: "__proto__", "constructor" and "prototype" are not allowed as keys (JavaScript reads them as object internals, so they would be dropped or change other keys)';

/** Deepest nesting read; the arguments never need more than a handful of levels. */
const MAX_DEPTH = 32;

export interface Snapshot {
    /** The arguments as plain data (Outputs and Promises kept as they are). */
    value: unknown;
    /** What could not be read, at its path. */
    problems: Problem[];
    /** Paths whose value could not be read: problems the schema finds at or below them say nothing more. */
    unreadable: string[];
}

export function snapshot(root: unknown): Snapshot {
    const problems: Problem[] = [];
    const unreadable: string[] = [];
    const ancestors = new Set<object>();

    const fail = (path: PropertyKey[], reason: string) => {
        const at = formatPath(path) || "args";
        problems.push({ path: at, reason });
        unreadable.push(at);
    };

    const read = (value: unknown, path: PropertyKey[]): unknown => {
        if ((typeof value !== "object" && typeof value !== "function") || value === null) return value;
        try {
            if (isUnresolved(value)) return value;
        } catch (err) {
            fail(path, couldNotRead(err));
            return undefined;
        }
        if (typeof value === "function") return value;
        if (ancestors.has(value)) {
            fail(path, "refers to itself (a cycle): arguments must be a tree of plain values");
            return undefined;
        }
        if (path.length >= MAX_DEPTH) {
            fail(path, `is nested more than ${MAX_DEPTH} levels deep`);
            return undefined;
        }
        ancestors.add(value);
        try {
            return Array.isArray(value) ? readArray(value, path) : readObject(value, path);
        } catch (err) {
            fail(path, couldNotRead(err));
            return undefined;
        } finally {
            ancestors.delete(value);
        }
    };

    const readArray = (array: unknown[], path: PropertyKey[]): unknown[] => {
        const length = array.length;
        const copy: unknown[] = [];
        for (let i = 0; i < length; i++) copy.push(readProperty(array, i, [...path, i]));
        return copy;
    };

    const readObject = (object: object, path: PropertyKey[]): unknown => {
        // Dates, Maps, class instances with state of their own: left as they are for the schema to judge.
        if (Object.prototype.toString.call(object) !== "[object Object]") return object;
        const copy: Record<string, unknown> = {};
        for (const key of Object.keys(object)) {
            if (RESERVED_KEYS.includes(key)) {
                problems.push({ path: formatPath([...path, key]), reason: RESERVED_KEY_REASON });
                continue;
            }
            copy[key] = readProperty(object, key, [...path, key]);
        }
        const inherited = inheritedKeys(object);
        if (inherited.length > 0) {
            problems.push({
                path: formatPath(path) || "args",
                reason: `inherits ${listed(inherited.map(quote))} from its prototype: pass a plain object (a "__proto__" key in an object literal sets the prototype)`,
            });
        }
        return copy;
    };

    const readProperty = (owner: object, key: string | number, path: PropertyKey[]): unknown => {
        let value: unknown;
        try {
            value = (owner as Record<string | number, unknown>)[key];
        } catch (err) {
            fail(path, couldNotRead(err));
            return undefined;
        }
        return read(value, path);
    };

    const value = read(root, []);
    return { value, problems, unreadable };
}

/** Enumerable keys an object gets from its prototype chain (a plain object has none). */
function inheritedKeys(object: object): string[] {
    const own = new Set(Object.keys(object));
    const keys: string[] = [];
    for (const key in object) if (!own.has(key)) keys.push(key);
    return keys;
}

function couldNotRead(err: unknown): string {
    let message: string;
    try {
        message = err instanceof Error ? String(err.message) : String(err);
    } catch {
        message = "an error that could not be described";
    }
    return `could not be read: ${quote(message)}`;
}

/** Whether `path` is `under` or below it ("a.b" and "a.b[0]" are under "a.b"; "a.bc" is not). */
export function isUnder(path: string, under: string): boolean {
    if (under === "args") return true;
    return path === under || path.startsWith(`${under}.`) || path.startsWith(`${under}[`);
}
