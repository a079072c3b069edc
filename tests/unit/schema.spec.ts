// The Pulumi schema is generated from the TypeScript args by @pulumi/pulumi's ComponentProvider,
// exactly as `pulumi package get-schema` and the plugin host do; the result is committed as a
// golden file so every API change shows in review, and the test fails when it is stale.
import * as assert from "assert";
import * as path from "path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { CanaryDelivery } from "../../provider/src";
import { assertGolden } from "../helpers/golden";

const PROVIDER_DIR = path.resolve(__dirname, "..", "..", "provider");

interface Property {
    description?: string;
    optional?: boolean;
    plain?: boolean;
    $ref?: string;
}
interface Schema {
    resources: Record<string, { inputProperties: Record<string, Property>; properties: Record<string, Property>; requiredInputs: string[] }>;
    types: Record<string, { properties?: Record<string, Property>; enum?: unknown[] }>;
}

describe("Pulumi schema inferred from the args", function () {
    this.timeout(120000);
    let schema: Schema;
    before(async () => {
        const provider = new ComponentProvider({ components: [CanaryDelivery], name: "canary-delivery", dirname: PROVIDER_DIR, version: "0.1.0" });
        schema = JSON.parse(await provider.getSchema());
    });

    it("matches the committed schema (UPDATE_GOLDEN=1 rewrites it)", () => {
        assertGolden("schema.json", JSON.stringify(schema, null, 2) + "\n");
    });

    it("has the component under the package's type token, with no required input (exactly one of steps and progression is the parser's rule)", () => {
        const component = schema.resources["canary-delivery:index:CanaryDelivery"];
        assert.ok(component);
        assert.deepStrictEqual(component.requiredInputs, []);
        for (const stages of ["steps", "progression"]) assert.strictEqual(component.inputProperties[stages].optional, true, stages);
    });

    it("documents the default of every optional input, at every level", () => {
        const undocumented: string[] = [];
        const check = (owner: string, props: Record<string, Property> = {}) => {
            for (const [name, p] of Object.entries(props)) {
                if (!p.description) undocumented.push(`${owner}.${name}: no description`);
                else if (p.optional && !/Defaults to/.test(p.description)) undocumented.push(`${owner}.${name}: no "Defaults to"`);
            }
        };
        check("CanaryDelivery", schema.resources["canary-delivery:index:CanaryDelivery"].inputProperties);
        const outputTypes = new Set(["canary-delivery:index:ReleaseObject", "canary-delivery:index:RolloutStatus"]);
        for (const [token, type] of Object.entries(schema.types)) if (!outputTypes.has(token)) check(token, type.properties);
        assert.deepStrictEqual(undocumented, []);
    });

    it("keeps what shapes the graph plain and what may come from other resources an Input", () => {
        const inputs = schema.resources["canary-delivery:index:CanaryDelivery"].inputProperties;
        for (const plain of ["releaseName", "steps", "progression", "istio", "nginx", "analysis", "workloadRef", "template", "replicas"]) {
            assert.strictEqual(inputs[plain].plain, true, `${plain} is plain`);
        }
        for (const input of ["namespace", "labels", "annotations"]) assert.ok(!inputs[input].plain, `${input} is an Input`);
        const template = schema.types["canary-delivery:index:PodTemplate"].properties!;
        assert.ok(!template.image.plain, "image is an Input");
        const header = schema.types["canary-delivery:index:PrometheusHeader"].properties!;
        assert.ok(!header.value.plain, "header values are Inputs (secrets)");
    });
});
