// The generated documentation is fresh: provider/REFERENCE.md is what `npm run gen-docs` renders from
// sdk/schema.json, and README.md's generated blocks hold the current example programs and the
// component's inputs and outputs.
import * as assert from "assert";
import * as fs from "fs";
import { readmeFile, readSchema, referenceFile, renderReadme, renderReference } from "../../scripts/gen-docs";

describe("generated docs (npm run gen-docs)", () => {
    const schema = readSchema();

    it("provider/REFERENCE.md is rendered from sdk/schema.json", () => {
        assert.ok(fs.readFileSync(referenceFile, "utf8") === renderReference(schema),
            "provider/REFERENCE.md is stale: run `npm run gen-docs` and commit it");
    });

    it("README.md's generated blocks hold the examples and the argument summary", () => {
        const readme = fs.readFileSync(readmeFile, "utf8");
        assert.ok(readme === renderReadme(readme, schema), "README.md's generated blocks are stale: run `npm run gen-docs` and commit README.md");
    });

    it("the reference documents every input, output and type of the schema", () => {
        const reference = fs.readFileSync(referenceFile, "utf8");
        const [, resource] = Object.entries(schema.resources)[0];
        const missing = [
            ...Object.keys(resource.inputProperties).map((p) => `\`${p}\``),
            ...Object.keys(resource.properties).map((p) => `\`${p}\``),
            ...Object.keys(schema.types).map((t) => `### ${t.split(":").pop()}`),
        ].filter((needle) => !reference.includes(needle));
        assert.deepStrictEqual(missing, []);
    });

    it("README.md shows an example in TypeScript, Python, Go and YAML", () => {
        const readme = fs.readFileSync(readmeFile, "utf8");
        for (const fence of ["```typescript", "```python", "```go", "```yaml"]) assert.ok(readme.includes(fence), `${fence} block`);
    });
});
