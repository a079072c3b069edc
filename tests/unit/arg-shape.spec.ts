// The compile-time tie between the public argument types and the zod schemas (parse/shape.ts):
// the schema files call assertSameShape, so `tsc` (the type-check step of npm test) fails when a
// property is added to one and not the other. These lines prove the check can fail.
import * as assert from "assert";
import { assertSameShape, PropertyPaths, SameShape } from "../../provider/src/parse/shape";

interface Args {
    name: string;
    steps: { weight?: number; pause?: string }[];
    retries?: { attempts: number };
}

describe("argument shape check", () => {
    it("accepts the same properties", () => {
        assertSameShape<SameShape<Args, { name: string; steps: { weight?: number; pause?: string }[]; retries?: { attempts: number } }>>();
        const paths: PropertyPaths<Args>[] = ["name", "steps", "steps[].weight", "steps[].pause", "retries", "retries.attempts"];
        assert.strictEqual(paths.length, 6);
    });

    it("fails to compile on a property only one side has, at any depth", () => {
        // @ts-expect-error: the schema lacks steps[].pause
        assertSameShape<SameShape<Args, { name: string; steps: { weight?: number }[]; retries?: { attempts: number } }>>();
        // @ts-expect-error: the schema has a property the types do not
        assertSameShape<SameShape<Args, { name: string; steps: { weight?: number; pause?: string }[]; retries?: { attempts: number; perTry: string } }>>();
    });
});
