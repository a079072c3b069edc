// The provider's layering, held by dependency-cruiser over the real import graph (type-only
// imports included): every file imports only its own layer or the layers below it, routers do not
// import each other, and the pure layers load no Pulumi or Kubernetes runtime, so they can be
// unit-tested and reasoned about without an engine.
import * as assert from "assert";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/** Lowest first. A file belongs to the first layer whose pattern matches its path. */
export const LAYERS: { name: string; paths: string[] }[] = [
    // What every layer shares: the public argument types, name rules, the manifest contract,
    // durations, the pause rule, child roles, the status vocabulary.
    // A router's public argument types live in its folder but belong here, with args.ts.
    // Manifest types generated from the CRDs are types only, and belong here too.
    { name: "core", paths: ["^provider/src/(core/|generated/|names\\.ts$|args\\.ts$)", "^provider/src/routers/[^/]+/args\\.ts$"] },
    // The vocabulary routers write their slices in: value checks and the resolved model.
    { name: "kit", paths: ["^provider/src/parse/(zod-helpers|formats|regex|expr|path|suggest|snapshot|normalize|shape)\\.ts$", "^provider/src/parse/rules/problem\\.ts$", "^provider/src/resolve/model\\.ts$"] },
    { name: "routers", paths: ["^provider/src/routers/"] },
    { name: "parse", paths: ["^provider/src/parse/"] },
    { name: "resolve", paths: ["^provider/src/resolve/"] },
    { name: "lifecycle", paths: ["^provider/src/lifecycle/"] },
    { name: "build", paths: ["^provider/src/build/"] },
    { name: "live", paths: ["^provider/src/live/"] },
    { name: "report", paths: ["^provider/src/report/"] },
    { name: "cli", paths: ["^provider/src/cli/"] },
    { name: "registration", paths: ["^provider/src/"] },
];

/** Layers that must not load a Pulumi or Kubernetes runtime (type-only imports are erased). */
const PURE = ["core", "kit", "routers", "resolve", "lifecycle", "build", "report"];
/** Files of a pure layer that are allowed one: the zod helpers tell an Output from a plain value. */
const PURE_EXCEPTIONS = "^provider/src/parse/zod-helpers\\.ts$";
/** Router files every router may use; the registry (index.ts) is the one place that imports them all. */
const ROUTER_SHARED = "^provider/src/routers/(contract|matches|rules|none|services|index)\\.ts$";

interface Rule {
    name: string;
    severity: "error";
    from: Record<string, unknown>;
    to: Record<string, unknown>;
}

export function layerRules(): Rule[] {
    const rules: Rule[] = [];
    LAYERS.forEach((layer, i) => {
        const below = LAYERS.slice(0, i).flatMap((l) => l.paths);
        const above = LAYERS.slice(i + 1).flatMap((l) => l.paths);
        if (!above.length) return;
        rules.push({
            name: `${layer.name}-imports-downward`,
            severity: "error",
            // A file of this layer (and of no layer below it, since a layer is the first match).
            from: { path: layer.paths, ...(below.length && { pathNot: below }) },
            to: { path: above, pathNot: [...below, ...layer.paths] },
        });
    });
    rules.push({
        name: "routers-do-not-import-each-other",
        severity: "error",
        from: { path: "^provider/src/routers/([^/]+)/" },
        to: { path: "^provider/src/routers/", pathNot: ["^provider/src/routers/$1/", ROUTER_SHARED] },
    });
    const pure = LAYERS.filter((l) => PURE.includes(l.name));
    for (const layer of pure) {
        const below = LAYERS.slice(0, LAYERS.indexOf(layer)).flatMap((l) => l.paths);
        rules.push({
            name: `${layer.name}-loads-no-runtime`,
            severity: "error",
            from: { path: layer.paths, pathNot: [...(below.length ? below : []), PURE_EXCEPTIONS] },
            to: { path: "(^|/)node_modules/(@pulumi|@kubernetes)/|^(@pulumi|@kubernetes)/", dependencyTypesNot: ["type-only"] },
        });
    }
    return rules;
}

// dependency-cruiser is an ES module; TypeScript would turn a plain import() into require().
const importEsm = new Function("specifier", "return import(specifier)") as (s: string) => Promise<typeof import("dependency-cruiser")>;

describe("pipeline layers (dependency-cruiser)", function () {
    this.timeout(120_000);
    let result: { modules: { source: string }[]; summary: { violations: { rule: { name: string }; from: string; to: string }[] } };

    before(async () => {
        const { cruise } = await importEsm("dependency-cruiser");
        const cwd = process.cwd();
        process.chdir(ROOT);
        try {
            const out = await cruise(["provider/src"], {
                validate: true,
                ruleSet: { forbidden: layerRules() } as never,
                doNotFollow: { path: "node_modules" },
                tsPreCompilationDeps: true,
                outputType: "json",
            });
            result = JSON.parse(out.output as string);
        } finally {
            process.chdir(cwd);
        }
    });

    it("sees every source file of the provider", () => {
        const sources = result.modules.map((m) => m.source).filter((s) => s.startsWith("provider/src/"));
        assert.ok(sources.length > 90, `only ${sources.length} files`);
        assert.ok(sources.includes("provider/src/routers/istio/build.ts"));
    });

    it("finds no import that breaks a layer rule", () => {
        assert.deepStrictEqual(result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`), []);
    });

    it("catches an upward import (the rules can fail)", async () => {
        const { cruise } = await importEsm("dependency-cruiser");
        const cwd = process.cwd();
        process.chdir(path.join(ROOT, "tests", "unit", "fixtures", "layers"));
        try {
            const out = await cruise(["provider/src"], { validate: true, ruleSet: { forbidden: layerRules() } as never, doNotFollow: { path: "node_modules" }, tsPreCompilationDeps: true, outputType: "json" });
            const names = JSON.parse(out.output as string).summary.violations.map((v: { rule: { name: string }; from: string }) => `${v.rule.name}: ${v.from}`).sort();
            assert.deepStrictEqual(names, [
                "core-imports-downward: provider/src/core/upward.ts",
                "core-loads-no-runtime: provider/src/core/upward.ts",
                "routers-do-not-import-each-other: provider/src/routers/a/index.ts",
            ]);
        } finally {
            process.chdir(cwd);
        }
    });
});
