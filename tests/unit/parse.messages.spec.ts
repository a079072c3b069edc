// Messages people can read: what a missing, misspelt, unreadable or absurd argument says, and how
// long it may get. Each message still names the property path and the rule.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import type { CanaryDeliveryArgs } from "../../provider/src/args";
import { findProblems, MAX_IN_MESSAGE, parseArgs } from "../../provider/src/parse";
import { errorReaderOf, ErrorReader } from "../../provider/src/parse/error-reader";

const image = "ghcr.io/acme/shop:1.0";
const base: CanaryDeliveryArgs = { template: { image }, steps: [{ weight: 10, pause: "5m" }, { weight: 50 }] };

function problems(changes: Record<string, unknown>) {
    return findProblems("app", { ...base, ...changes } as unknown as CanaryDeliveryArgs);
}

function reasonAt(changes: Record<string, unknown>, path: string): string {
    const found = problems(changes);
    const match = found.find((p) => p.path === path);
    assert.ok(match, `expected a problem at ${path}; got:\n${found.map((p) => `  ${p.path}: ${p.reason}`).join("\n") || "  (nothing)"}`);
    return match.reason;
}

function thrown(args: unknown, reader?: ErrorReader): pulumi.InputPropertiesError {
    try {
        parseArgs("app", args as CanaryDeliveryArgs, reader);
    } catch (err) {
        assert.ok(pulumi.InputPropertiesError.isInstance(err), `an InputPropertiesError, got ${err}`);
        return err as pulumi.InputPropertiesError;
    }
    return assert.fail("parseArgs accepted the arguments");
}

describe("argument messages", () => {
    describe("a clean error in a TypeScript program", () => {
        it("is an InputPropertiesError (property by property through the plugin) and a RunError (printed without a stack trace)", () => {
            const error = thrown({ ...base, replicas: -1 });
            assert.ok(pulumi.InputPropertiesError.isInstance(error));
            assert.ok(pulumi.RunError.isInstance(error));
            assert.strictEqual(error.message, 'CanaryDelivery "app" has 1 invalid argument:\n  - replicas: must be at least 0');
        });
    });

    describe("through the plugin, each problem once: the engine prints the message, then each property error", () => {
        const two = { ...base, replicas: -1, steps: [{ weight: 120 }] };
        it("the message only counts the problems; the property errors carry each one", () => {
            const error = thrown(two, "provider");
            assert.strictEqual(error.message, 'CanaryDelivery "app" has 2 invalid arguments');
            assert.deepStrictEqual(error.errors, [
                { propertyPath: "replicas", reason: "must be at least 0" },
                { propertyPath: "steps[0].weight", reason: "must be a percentage from 0 to 100" },
            ]);
            for (const e of error.errors) assert.ok(!error.message.includes(e.reason), `"${e.reason}" is in the message too`);
            assert.ok(pulumi.RunError.isInstance(error));
        });
        it("a program's message lists the same problems, with their paths (its runtime prints only the message)", () => {
            const error = thrown(two);
            assert.strictEqual(error.message, 'CanaryDelivery "app" has 2 invalid arguments:\n  - replicas: must be at least 0\n  - steps[0].weight: must be a percentage from 0 to 100');
            assert.deepStrictEqual(error.errors, thrown(two, "provider").errors);
        });
        it("beyond the listed problems, the message says how many follow", () => {
            const error = thrown({ ...base, template: { image, ports: Array.from({ length: 30 }, () => ({ containerPort: 80 })) } }, "provider");
            assert.strictEqual(error.message, `CanaryDelivery "app" has 29 invalid arguments (the first ${MAX_IN_MESSAGE} follow)`);
            assert.strictEqual(error.errors.length, MAX_IN_MESSAGE);
        });
        it("the plugin is the process @pulumi/pulumi's plugin runner started; anything else is a program", () => {
            for (const main of ["/p/node_modules/@pulumi/pulumi/cmd/run-plugin/index.js", "/p/node_modules/@pulumi/pulumi/cmd/run-plugin", "C:\\p\\node_modules\\@pulumi\\pulumi\\cmd\\run-plugin\\index.js"]) {
                assert.strictEqual(errorReaderOf(main), "provider", main);
            }
            for (const main of ["/p/node_modules/@pulumi/pulumi/cmd/run/index.js", "/p/node_modules/mocha/bin/mocha.js", "/p/cmd/run-plugins/index.js", undefined]) {
                assert.strictEqual(errorReaderOf(main), "program", String(main));
            }
        });
    });

    describe("a missing required field says so", () => {
        const ref = (extra: object) => ({ template: undefined, workloadRef: { name: "shop", ...extra } });
        it("an Input map (workloadRef.matchLabels)", () => assert.strictEqual(reasonAt(ref({}), "workloadRef.matchLabels"), "is required"));
        it("an Input string (workloadRef.name)", () =>
            assert.strictEqual(reasonAt({ template: undefined, workloadRef: { matchLabels: { app: "shop" } } }, "workloadRef.name"), "is required"));
        it("an Input string (template.image)", () => assert.strictEqual(reasonAt({ template: {} }, "template.image"), "is required"));
        it("the Prometheus address", () =>
            assert.strictEqual(reasonAt({ istio: {}, analysis: { prometheus: {}, successRate: {} } }, "analysis.prometheus.address"), "is required"));
        it("never the library's wording", () => {
            const all = problems({ template: undefined, workloadRef: {} }).map((p) => p.reason).join("\n");
            assert.doesNotMatch(all, /Invalid input|expected record|received undefined/);
        });
    });

    describe("NaN and Infinity by name", () => {
        it("NaN", () => assert.strictEqual(reasonAt({ replicas: NaN }, "replicas"), "must be a finite number, got NaN"));
        it("Infinity", () => assert.strictEqual(reasonAt({ replicas: Infinity }, "replicas"), "must be a finite number, got Infinity"));
        it("-Infinity in a step", () => assert.strictEqual(reasonAt({ steps: [{ weight: -Infinity }] }, "steps[0].weight"), "must be a finite number, got -Infinity"));
        it("NaN as a pause", () => assert.match(reasonAt({ steps: [{ weight: 10, pause: NaN }] }, "steps[0].pause"), /got NaN$/));
    });

    describe("echoed values are cut", () => {
        const long = "x".repeat(10_000);
        it("a 10k-character string is echoed as 80 characters and …", () => {
            const reason = reasonAt({ replicas: long }, "replicas");
            assert.strictEqual(reason, `must be a number, got the string "${"x".repeat(80)}…"`);
        });
        it("in rules that echo what they got", () => {
            const reason = reasonAt({ steps: [{ weight: 10, pause: long }] }, "steps[0].pause");
            assert.ok(reason.length < 300, `${reason.length} characters`);
            assert.match(reason, /x…"$/);
        });
        it("the whole message stays short", () => {
            const error = thrown({ ...base, template: { image: long }, replicas: long, namespace: long, steps: [{ pause: long }] });
            assert.ok(error.message.length < 2000, `${error.message.length} characters`);
        });
    });

    describe("long lists end with 'and N more'", () => {
        const ports = Array.from({ length: 1000 }, () => ({ containerPort: 80 }));
        it("1,000 duplicate ports give a short message", () => {
            const error = thrown({ ...base, template: { image, ports } });
            assert.ok(error.message.length < 5000, `${error.message.length} characters`);
            assert.match(error.message, /has 999 invalid arguments/);
            assert.match(error.message, new RegExp(`  - and ${999 - MAX_IN_MESSAGE} more$`));
        });
        it("and the engine's per-property list is as short", () => {
            const error = thrown({ ...base, template: { image, ports } });
            assert.strictEqual(error.errors.length, MAX_IN_MESSAGE);
        });
        it("sorted by path, indices as numbers", () => {
            const paths = problems({ template: { image, ports: ports.slice(0, 12) } }).map((p) => p.path);
            assert.deepStrictEqual(paths.slice(8), ["template.ports[9].containerPort", "template.ports[10].containerPort", "template.ports[11].containerPort"]);
        });
        it("many unknown keys are quick to report", () => {
            const keys = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`${"x".repeat(60)}${i}`, 1]));
            const started = Date.now();
            assert.strictEqual(problems(keys).length, 10_000);
            assert.ok(Date.now() - started < 1500, `${Date.now() - started} ms`);
        });
        it("every problem is still found", () => assert.strictEqual(problems({ template: { image, ports } }).length, 999));
        it("lists inside a message too", () => {
            const query = Array.from({ length: 15 }, (_, i) => `{{args.a${i}}}`).join(" + ");
            const reason = reasonAt({ istio: {}, analysis: { prometheus: { address: "http://p:9090" }, metrics: [{ name: "m", query, successCondition: "true" }] } }, "analysis.metrics[0].query");
            assert.match(reason, /^uses unknown argument\(s\) \{\{args.a0\}\}, .*\{\{args.a9\}\} and 5 more; available: /);
        });
    });

    describe("a misspelt key suggests the closest known one", () => {
        it("steps[0].wieght", () =>
            assert.strictEqual(reasonAt({ steps: [{ wieght: 10 }] }, "steps[0].wieght"), 'is not a known property; did you mean "weight"?'));
        it("at the top level", () => assert.strictEqual(reasonAt({ replica: 3 }, "replica"), 'is not a known property; did you mean "replicas"?'));
        it("deep inside", () =>
            assert.strictEqual(reasonAt({ istio: { retries: { attempt: 3 } } }, "istio.retries.attempt"), 'is not a known property; did you mean "attempts"?'));
        it("across case", () => assert.strictEqual(reasonAt({ template: { image, ImagePullPolicy: "Always" } }, "template.ImagePullPolicy"), 'is not a known property; did you mean "imagePullPolicy"?'));
        it("nothing when no key is close", () => assert.strictEqual(reasonAt({ surprise: true }, "surprise"), "is not a known property"));
    });

    describe("the pause rule", () => {
        const pause = (value: unknown) => problems({ steps: [{ weight: 10, pause: value }, { weight: 50 }] });
        it("0 (a number, as YAML writes it) is accepted like \"0\"", () => {
            assert.deepStrictEqual(pause(0), []);
            assert.deepStrictEqual(pause("0"), []);
        });
        it("0 waits until promoted, like \"0\"", () => {
            const parsed = parseArgs("app", { ...base, steps: [{ weight: 10, pause: 0 as unknown as string }, { weight: 50 }] });
            assert.strictEqual(parsed.args.steps![0].pause, "0");
        });
        it("a number of seconds is accepted", () => assert.deepStrictEqual(pause(30), []));
        it('"0s" is refused as ambiguous (Argo reads it as no wait)', () =>
            assert.match(reasonAt({ steps: [{ weight: 10, pause: "0s" }] }, "steps[0].pause"), /is ambiguous: Argo reads "0s" as no wait, this component's "0" as a wait until promoted/));
        it('"0m" and "0h0m" too', () => {
            assert.match(reasonAt({ steps: [{ weight: 10, pause: "0m" }] }, "steps[0].pause"), /is ambiguous/);
            assert.match(reasonAt({ steps: [{ weight: 10, pause: "0h0m" }] }, "steps[0].pause"), /is ambiguous/);
        });
        it("a sub-second pause would not wait", () => assert.match(reasonAt({ steps: [{ weight: 10, pause: "500ms" }] }, "steps[0].pause"), /must be at least 1s/));
        it("negative or fractional numbers are refused", () => {
            assert.match(reasonAt({ steps: [{ weight: 10, pause: -1 }] }, "steps[0].pause"), /whole number of seconds from 0, got -1/);
            assert.match(reasonAt({ steps: [{ weight: 10, pause: 1.5 }] }, "steps[0].pause"), /whole number of seconds from 0, got 1.5/);
        });
        it("other types are named", () => assert.match(reasonAt({ steps: [{ weight: 10, pause: true }] }, "steps[0].pause"), /got boolean$/));
    });
});

describe("rules stay quiet about what the schema already refused", () => {
    const only = (changes: Record<string, unknown>, path: string) => {
        const found = findProblems("app", { ...base, ...changes } as unknown as CanaryDeliveryArgs).filter((p) => p.path.startsWith(path));
        return found.map((p) => `${p.path}: ${p.reason}`);
    };
    it("a match of an unknown kind", () =>
        assert.deepStrictEqual(only({ istio: { matches: [{ on: 7, name: "x", exact: "1" }] } }, "istio.matches[0]"), ['istio.matches[0].on: must be one of "header", "cookie", "uri"']));
    it("a Service name that is not a string", () =>
        assert.deepStrictEqual(only({ istio: {}, service: { canaryName: {} } }, "service.canaryName"), ["service.canaryName: must be a string, got an object"]));
});

describe("messages name the right thing", () => {
    const reasons = (changes: Record<string, unknown>, path: string) =>
        findProblems("app", { ...base, ...changes } as unknown as CanaryDeliveryArgs).filter((p) => p.path === path).map((p) => p.reason);
    it("Infinity where a string or an array is expected is a wrong type, not a number out of range", () => {
        assert.deepStrictEqual(reasons({ steps: Infinity }, "steps"), ["must be an array, got Infinity"]);
        assert.deepStrictEqual(reasons({ namespace: -Infinity }, "namespace"), ["must be a string, got -Infinity"]);
    });
    it("a map says map", () => assert.deepStrictEqual(reasons({ labels: 1 }, "labels"), ["must be a map of strings, got number 1"]));
    it("an Output in a plain field is not echoed by a rule", () =>
        assert.deepStrictEqual(reasons({ strategy: { minReadySeconds: pulumi.output(700) } }, "strategy.progressDeadlineSeconds"), []));
    it("a non-finite weight is not compared with later ones", () =>
        assert.deepStrictEqual(reasons({ steps: [{ weight: Infinity }, { weight: 10 }] }, "steps[1].weight"), []));
    it("a Service name is echoed cut and with control characters escaped", () => {
        const [reason] = reasons({ istio: {}, service: { stableName: `a\n${"b".repeat(200)}` } }, "service.stableName");
        assert.match(reason, /^Service name 'a\\nb{78}…' must be at most 63 characters/);
    });
});
