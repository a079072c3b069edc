// The pinned analyzer drops the doc comments of types from the schema (only property descriptions
// reach sdk/schema.json, the SDKs and REFERENCE.md), so a rule stated on a type must also be
// stated on a property that uses the type, or users of the SDKs never see it.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const ARGS = fs.readFileSync(path.join(ROOT, "provider", "src", "args.ts"), "utf8");
const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, "sdk", "schema.json"), "utf8"));

/** Phrases that state a rule rather than name the type. */
const RULE = /exactly one of [^.]*|counts as a success|may use `\{\{args|Nothing waits during a preview/g;

const flat = (text: string) => text.replace(/\s*\n\s*(\*\s?)?/g, " ").replace(/\s+/g, " ");

function typeDocs(): { type: string; rules: string[] }[] {
    return [...ARGS.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*\nexport interface (\w+)/g)]
        .map((m) => ({ type: m[2], rules: [...flat(m[1]).matchAll(RULE)].map((r) => r[0].replace(/[`"]/g, "")) }))
        .filter((t) => t.rules.length > 0);
}

/** Descriptions of every property whose type is `type` (in the component and in other types), and of the type's own properties. */
function descriptionsOfPropertiesOf(type: string): string[] {
    const ref = `#/types/canary-delivery:index:${type}`;
    const own = Object.values((SCHEMA.types[`canary-delivery:index:${type}`]?.properties ?? {}) as Record<string, { description?: string }>).map((p) => flat(p.description ?? "").replace(/[`"]/g, ""));
    const holders = [SCHEMA.resources["canary-delivery:index:CanaryDelivery"].inputProperties, ...Object.values(SCHEMA.types).map((t) => (t as { properties?: object }).properties ?? {})];
    return holders.flatMap((props) =>
        Object.values(props as Record<string, { $ref?: string; items?: { $ref?: string }; description?: string }>)
            .filter((p) => p.$ref === ref || p.items?.$ref === ref)
            .map((p) => flat(p.description ?? "").replace(/[`"]/g, ""))).concat(own);
}

describe("type-level rules reach the schema through properties", () => {
    const docs = typeDocs();
    it("finds the types whose comments state a rule", () => assert.ok(docs.length >= 6, docs.map((d) => d.type).join(", ")));
    for (const { type, rules } of docs) {
        it(`${type}: ${rules.join("; ")}`, () => {
            const descriptions = descriptionsOfPropertiesOf(type);
            assert.ok(descriptions.length > 0, `no property of type ${type} in the schema`);
            for (const rule of rules) {
                const words = rule.toLowerCase().replace(/[^a-z0-9{}.,-]+/g, " ").trim();
                assert.ok(descriptions.some((d) => d.toLowerCase().replace(/[^a-z0-9{}.,-]+/g, " ").includes(words)), `"${rule}" is on ${type} but on none of its properties: ${JSON.stringify(descriptions)}`);
            }
        });
    }
});
