// "did you mean": the known property closest to a misspelt one, read from the schema itself so the
// suggestions never drift from what the parser accepts.
import type { z } from "zod";

/** The property names the schema accepts at `path` (numbers step into arrays), or [] when it has none. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
    let node: unknown = schema;
    for (const part of [...path, undefined]) {
        node = unwrap(node);
        if (part === undefined) break;
        const def = defOf(node);
        if (typeof part === "number" && def?.type === "array") node = def.element;
        else if (typeof part === "string" && def?.type === "object") node = (def.shape as Record<string, unknown>)[part];
        else return [];
    }
    const def = defOf(node);
    return def?.type === "object" ? Object.keys(def.shape as object) : [];
}

/** The closest of `known` to `key` when it is close enough to be a slip of the keyboard. */
export function closest(key: string, known: readonly string[]): string | undefined {
    if (key.length > 64) return undefined;
    let best: { name: string; distance: number } | undefined;
    for (const name of known) {
        const allowed = Math.max(1, Math.floor(Math.max(key.length, name.length) / 3));
        // The distance is at least the difference in length: most keys are ruled out without computing it.
        if (Math.abs(key.length - name.length) > allowed) continue;
        const distance = editDistance(key.toLowerCase(), name.toLowerCase());
        if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
    }
    return best?.name;
}

interface Def { type: string; [k: string]: unknown }

function defOf(node: unknown): Def | undefined {
    return (node as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

/** Through optional, pipe (the plain() wrapper) and similar wrappers to the schema that has a shape. */
function unwrap(node: unknown): unknown {
    for (let i = 0; i < 10; i++) {
        const def = defOf(node);
        if (def?.type === "optional" || def?.type === "nullable" || def?.type === "default") node = def.innerType;
        else if (def?.type === "pipe") node = def.out;
        else break;
    }
    return node;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}
