// Promote, full promotion, abort and retry as code: the patches `kubectl argo rollouts` makes,
// when each control applies, and that it never applies twice or to another canary.
import * as assert from "assert";
import { CONTROL_PATCHES, decideControl, ResolvedControl } from "../../provider/src/lifecycle/controls";
import { Progress } from "../../provider/src/lifecycle/progress";

const at = (state: Progress["state"], stage?: number): Progress => ({ state, stage, stageCount: 3, line: "" });
const images = ["shop:2"];

describe("release controls", () => {
    it("patch the status subresource as the kubectl plugin does", () => {
        assert.deepStrictEqual(CONTROL_PATCHES.promote(false), { status: { pauseConditions: null } });
        assert.deepStrictEqual(CONTROL_PATCHES.promote(true), { status: { pauseConditions: null }, spec: { paused: false } });
        assert.deepStrictEqual(CONTROL_PATCHES.promoteFull(), { status: { promoteFull: true } });
        assert.deepStrictEqual(CONTROL_PATCHES.abort(), { status: { abort: true } });
        assert.deepStrictEqual(CONTROL_PATCHES.retry(), { status: { abort: false } });
    });

    it("a control for another canary never applies", () => {
        for (const action of ["promote", "promoteFull", "abort", "retry"] as const) {
            const d = decideControl({ action, image: "shop:1", stage: 1 }, images, at(action === "retry" ? "aborted" : "gate", 1));
            assert.strictEqual(d.kind, "skip", action);
            assert.match(d.words, /not applied, the canary runs shop:2; remove the control/);
        }
    });

    describe("promote past a stage's gate", () => {
        const promote: ResolvedControl = { action: "promote", image: "shop:2", stage: 1 };
        it("applies while paused at that stage (a gate or an inconclusive analysis)", () => {
            for (const state of ["gate", "inconclusive"] as const) {
                const d = decideControl(promote, images, at(state, 1));
                assert.strictEqual(d.kind, "apply", state);
                assert.deepStrictEqual(d.kind === "apply" && d.patch, { status: { pauseConditions: null } });
            }
        });
        it("unpauses the spec too when someone paused it", () => {
            const d = decideControl(promote, images, at("gate", 1), true);
            assert.deepStrictEqual(d.kind === "apply" && d.patch, { status: { pauseConditions: null }, spec: { paused: false } });
        });
        it("waits for an earlier stage, and never fires again once past it", () => {
            assert.strictEqual(decideControl(promote, images, at("progressing", 0)).kind, "later");
            assert.strictEqual(decideControl(promote, images, at("gate", 0)).kind, "later");
            assert.strictEqual(decideControl(promote, images, at("gate", 2)).kind, "skip");
            assert.strictEqual(decideControl(promote, images, at("healthy", 3)).kind, "skip");
            assert.strictEqual(decideControl(promote, images, at("aborted", 1)).kind, "skip");
        });
    });

    it("full promotion applies until the release is promoted, not to an aborted one", () => {
        const c: ResolvedControl = { action: "promoteFull", image: "shop:2" };
        assert.deepStrictEqual(decideControl(c, images, at("progressing", 0)).kind, "apply");
        assert.deepStrictEqual(decideControl(c, images, at("gate", 1)).kind, "apply");
        assert.deepStrictEqual(decideControl(c, images, at("healthy", 3)).kind, "skip");
        assert.match(decideControl(c, images, at("aborted", 1)).words, /aborted \(retry it first\)/);
    });

    it("abort applies to a canary in progress, once", () => {
        const c: ResolvedControl = { action: "abort", image: "shop:2" };
        assert.deepStrictEqual(decideControl(c, images, at("gate", 1)).kind, "apply");
        assert.deepStrictEqual(decideControl(c, images, at("aborted", 0)).kind, "skip");
        assert.deepStrictEqual(decideControl(c, images, at("healthy", 3)).kind, "skip");
    });

    it("retry applies only to an aborted release", () => {
        const c: ResolvedControl = { action: "retry", image: "shop:2" };
        assert.deepStrictEqual(decideControl(c, images, at("aborted", 0)).kind, "apply");
        assert.deepStrictEqual(decideControl(c, images, at("progressing", 1)).kind, "skip");
        assert.deepStrictEqual(decideControl(c, images, at("healthy", 3)).kind, "skip");
    });
});
