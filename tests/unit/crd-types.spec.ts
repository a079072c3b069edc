// The manifest types in provider/src/generated/crds/ are what `npm run gen-crd-types` makes of the
// CRDs the validator holds manifests against. That a wrong field fails to compile is shown by
// tests/unit/crd-types.typecheck.ts, which the type-check of `npm test` compiles.
import * as assert from "assert";
import * as fs from "fs";
import { generate, generatedDir, TARGETS, typingSchema } from "../../scripts/gen-crd-types";
import { CrdValidator, ensureCrds } from "../helpers/crd-validator";

describe("generated CRD types (npm run gen-crd-types)", () => {
    let files: Map<string, string>;

    before(async function () {
        this.timeout(120_000);
        ensureCrds();
        files = await generate();
    });

    it("every generated file is committed as generated", () => {
        const stale = [...files].filter(([name, text]) => {
            const file = `${generatedDir}/${name}`;
            return !fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text;
        }).map(([name]) => name);
        assert.deepStrictEqual(stale, [], `stale in provider/src/generated/crds: run \`npm run gen-crd-types\` and commit the result`);
    });

    it("the folder holds nothing else", () => {
        const extra = fs.readdirSync(generatedDir).filter((name) => !files.has(name));
        assert.deepStrictEqual(extra, [], "not generated: run `npm run gen-crd-types` (it empties the folder first)");
    });

    it("each type comes from a CRD the validator checks manifests against", function () {
        this.timeout(60_000);
        const crds = new CrdValidator();
        assert.deepStrictEqual(TARGETS.filter((t) => !crds.knows(`${t.group}/${t.version}`, t.kind)).map((t) => t.kind), []);
    });

    describe("a structural schema node becomes", () => {
        it("number | string for x-kubernetes-int-or-string", () => {
            assert.deepStrictEqual(typingSchema({ anyOf: [{ type: "integer" }, { type: "string" }], "x-kubernetes-int-or-string": true }),
                { tsType: "number | string" });
        });

        it("unknown, or an open object, for x-kubernetes-preserve-unknown-fields", () => {
            assert.deepStrictEqual(typingSchema({ "x-kubernetes-preserve-unknown-fields": true }), { tsType: "unknown" });
            assert.deepStrictEqual(typingSchema({ type: "object", "x-kubernetes-preserve-unknown-fields": true, properties: { a: { type: "string" } } }),
                { type: "object", properties: { a: { type: "string" } }, additionalProperties: true });
        });

        it("a closed object when it lists properties, with nullable as null and without docs or validation-only keywords", () => {
            assert.deepStrictEqual(typingSchema({
                type: "object", description: "d", required: ["a"], oneOf: [{ required: ["a"] }],
                properties: { a: { type: "string", nullable: true, default: "x", maxLength: 3 }, b: { type: "string", enum: ["X", "Y"] } },
            }), {
                type: "object", required: ["a"], additionalProperties: false,
                properties: { a: { type: ["string", "null"] }, b: { type: "string", enum: ["X", "Y"] } },
            });
        });
    });
});
