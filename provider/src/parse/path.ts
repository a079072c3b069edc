// Argument paths as the engine and the messages print them.

/** "steps", 2, "weight" -> "steps[2].weight". */
export function formatPath(path: readonly PropertyKey[]): string {
    return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), "");
}
