// The report reads the component's own words about the live release: these specs hold the
// report's reading against the sentences live/impact.ts really produces, so the two cannot
// drift apart, and pin the field diff's rules.
import * as assert from "assert";
import { describeImpact, RolloutParts } from "../../provider/src/live/impact";
import { report } from "../../provider/src/report";
import { fieldChanges, impactKindOf, splitLine } from "../../provider/src/report/facts";
import { parsePreview, PreviewInputError, UNKNOWN } from "../../provider/src/report/preview";
import { LAYOUT_ANNOTATION } from "../../provider/src/lifecycle/layout";

const layout = { stageStart: [0, 2, 3], argoStepCount: 5 };
const template = (image: string) => ({ metadata: { labels: { app: "shop" } }, spec: { containers: [{ name: "app", image }] } });
const steps = [{ setWeight: 10 }, { pause: { duration: "1m" } }, { setWeight: 30 }, { pause: {} }, { setWeight: 60 }];
const live = (image: string, status: object): RolloutParts => ({
    metadata: { annotations: { [LAYOUT_ANNOTATION]: "0,2,4/5" } },
    spec: { template: template(image), strategy: { canary: { steps } } },
    status,
});
const paused = { phase: "Paused", currentStepIndex: 3, pauseConditions: [{ reason: "CanaryPauseStep" }], stableRS: "a", currentPodHash: "b", canary: { weights: { canary: { weight: 30 } } } };
const healthy = { phase: "Healthy", currentStepIndex: 5, stableRS: "a", currentPodHash: "a" };
const aborted = { phase: "Degraded", abort: true, currentStepIndex: 0, stableRS: "a", currentPodHash: "b", message: "RolloutAborted: aborted" };
const desired = (image: string, s: object[] = steps) => ({ spec: { template: template(image), strategy: { canary: { steps: s } } } });

describe("report: the component's words about the live release", () => {
    const cases: [string, ReturnType<typeof describeImpact>, string][] = [
        ["first release", describeImpact(undefined, desired("shop:1"), layout), "first"],
        ["a new template during a canary", describeImpact(live("shop:2", paused), desired("shop:3"), layout, template("shop:1")), "template"],
        ["a new template on a promoted release", describeImpact(live("shop:2", healthy), desired("shop:3"), layout), "template"],
        ["the stable template during a canary", describeImpact(live("shop:2", paused), desired("shop:1"), layout, template("shop:1")), "rollback"],
        ["the stable template after an abort", describeImpact(live("shop:2", aborted), desired("shop:1"), layout, template("shop:1")), "rollback"],
        ["new steps during a canary", describeImpact(live("shop:2", paused), desired("shop:2", steps.slice(0, 3)), layout), "steps"],
        ["new steps on a promoted release", describeImpact(live("shop:2", healthy), desired("shop:2", steps.slice(0, 3)), layout), "steps"],
        ["nothing", describeImpact(live("shop:2", healthy), desired("shop:2"), layout), "none"],
    ];
    for (const [what, impact, kind] of cases) {
        it(`${what}: ${kind} (change "${impact.change}")`, () => {
            assert.strictEqual(impactKindOf(impact.effect), kind);
            assert.strictEqual(kind, impact.change === "template" ? "template" : impact.change);
        });
        it(`${what}: the logged line splits back into standing and effect`, () => {
            const line = `${impact.standing}; ${impact.effect}.`;
            assert.deepStrictEqual(splitLine(line), { standing: impact.standing, effect: impact.effect });
        });
    }
    it("an unreadable live release", () => assert.strictEqual(impactKindOf("what this change does to the running release is unknown"), "unknown"));
    it("the standing of an aborted release holds a '; ', a control's words follow the effect", () => {
        const impact = describeImpact(live("shop:2", aborted), desired("shop:1"), layout, template("shop:1"));
        assert.match(impact.standing, /; traffic is on the stable version/);
        const control = "promote past stage 2 (for shop:1): nothing to do, this update starts a new canary";
        assert.deepStrictEqual(splitLine(`${impact.standing}; ${impact.effect}; ${control}.`), { standing: impact.standing, effect: impact.effect, control });
    });
});

describe("report: the field diff of the component's arguments", () => {
    const base = { template: { image: "shop:1", env: [{ name: "A", value: "1" }, { name: "B", value: "2" }] }, steps: [{ weight: 10, pause: "1m" }, { weight: 50 }] };
    it("env by name, steps as plans, each in its part; unchanged fields left out", () => {
        const changes = fieldChanges(base, {
            ...base,
            template: { image: "shop:2", env: [{ name: "B", value: "3" }, { name: "A", value: "1" }] },
            steps: [{ weight: 20, pause: "1m" }],
            istio: { hosts: ["shop.example.com"] },
            replicas: 3,
        }, "shop");
        assert.deepStrictEqual(changes, [
            { group: "pod template", path: "template.env[B].value", old: "2", new: "3" },
            { group: "pod template", path: "template.image", old: "shop:1", new: "shop:2" },
            { group: "steps", path: "steps", old: "10% for 1m, 50% until promoted, 100%", new: "20% for 1m, 100%" },
            { group: "traffic", path: "istio", old: undefined, new: { hosts: ["shop.example.com"] } },
            { group: "other", path: "replicas", old: undefined, new: 3 },
        ]);
    });
    it("a value not known until the update stays the engine's marker (rendered as such)", () => {
        const changes = fieldChanges(base, { ...base, template: { ...base.template, image: UNKNOWN } }, "shop");
        assert.deepStrictEqual(changes, [{ group: "pod template", path: "template.image", old: "shop:1", new: UNKNOWN }]);
    });
    it("a progression is shown as its stages; switching between steps and progression is one change", () => {
        const generated = { ...base, steps: undefined, progression: { stepWeight: 25, maxWeight: 50, interval: "1m" } };
        assert.deepStrictEqual(fieldChanges(base, generated, "shop"), [
            { group: "steps", path: "progression", old: "10% for 1m, 50% until promoted, 100%", new: "25% for 1m, 50% for 1m, 100%" },
        ]);
        assert.deepStrictEqual(fieldChanges(generated, base, "shop"), [
            { group: "steps", path: "steps", old: "25% for 1m, 50% for 1m, 100%", new: "10% for 1m, 50% until promoted, 100%" },
        ]);
        assert.deepStrictEqual(fieldChanges(generated, { ...generated, progression: { stepWeights: [5, 50], interval: "2m" } }, "shop"), [
            { group: "steps", path: "progression", old: "25% for 1m, 50% for 1m, 100%", new: "5% for 2m, 50% for 2m, 100%" },
        ]);
    });
});

describe("report: reading the preview's JSON", () => {
    it("neither form: a PreviewInputError that says what it got", () => {
        assert.throws(() => parsePreview(""), (e: Error) => e instanceof PreviewInputError && /the input is empty/.test(e.message));
        assert.throws(() => parsePreview("error: no stack named 'dev' found"), (e: Error) => e instanceof PreviewInputError && /line 1 is not JSON/.test(e.message));
        assert.throws(() => parsePreview('{"hello": 1}\n{"x": 2}'), (e: Error) => e instanceof PreviewInputError && /not a Pulumi preview/.test(e.message));
    });
    it("the summary document: the error prefix leaves the message; no policy results", () => {
        const p = parsePreview(JSON.stringify({ steps: [], diagnostics: [{ message: "error: boom\n", severity: "error" }] }));
        assert.deepStrictEqual([p.form, p.failed, p.diagnostics[0].message, p.policyViolations], ["summary", true, "boom", undefined]);
    });
});

describe("report: a release whose component step is absent (the summary document leaves unchanged components out)", () => {
    const COMPONENT = "urn:pulumi:dev::shop::canary-delivery:index:CanaryDelivery::shop";
    const ROLLOUT = "urn:pulumi:dev::shop::canary-delivery:index:CanaryDelivery$kubernetes:argoproj.io/v1alpha1:Rollout::shop-rollout";
    const child = (op: string, urn: string, type: string) => ({ op, urn, newState: { type, urn, parent: COMPONENT, inputs: { kind: type.split(":").pop()!.split("/").pop() } } });
    const doc = (rolloutOp: string) => JSON.stringify({ steps: [child(rolloutOp, ROLLOUT, "kubernetes:argoproj.io/v1alpha1:Rollout")], diagnostics: [] });
    it("its Rollout changes: an update that may start a canary, and the report says the arguments are not in this input", () => {
        const md = report(doc("update")).markdown;
        assert.match(md, /### `shop`: starts a canary\n/);
        assert.match(md, /_The arguments that change and the plan are not in this input: the document of `pulumi preview --json` leaves the component's outputs out\./);
    });
    it("only a Service of it changes: an update that starts no canary", () => {
        const md = report(JSON.stringify({ steps: [child("update", ROLLOUT.replace("argoproj.io/v1alpha1:Rollout::shop-rollout", "core/v1:Service::shop-stable"), "kubernetes:core/v1:Service")], diagnostics: [] })).markdown;
        assert.match(md, /### `shop`: no change to the release\n/);
    });
});

describe("report: the other resources of the stack", () => {
    const step = (op: string, type: string, name: string) => ({ op, urn: `urn:pulumi:dev::shop::${type}::${name}`, newState: { type, urn: `urn:pulumi:dev::shop::${type}::${name}` } });
    it("one table of counts by operation, with the names of the replaced and deleted ones", () => {
        const doc = { steps: [
            step("same", "pulumi:pulumi:Stack", "shop-dev"),
            step("update", "kubernetes:core/v1:ConfigMap", "settings"),
            step("update", "kubernetes:core/v1:Secret", "keys"),
            step("replace", "kubernetes:apps/v1:Deployment", "worker"),
            step("delete", "kubernetes:batch/v1:CronJob", "cleanup"),
            step("create", "kubernetes:core/v1:Namespace", "shop"),
        ], diagnostics: [] };
        const md = report(JSON.stringify(doc)).markdown;
        assert.match(md, /### Other resources\n\n\| operation \| resources \|\n\| --- \| --- \|\n\| update \| 2 \|\n\| replace \| 1 \|\n\| delete \| 1 \|\n\| create \| 1 \|\n/);
        assert.match(md, /Replaced: `kubernetes:apps\/v1:Deployment worker`\./);
        assert.match(md, /Deleted: `kubernetes:batch\/v1:CronJob cleanup`\./);
        assert.match(md, /No `CanaryDelivery` in this preview\./);
    });
});
