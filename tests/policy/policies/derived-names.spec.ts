import * as assert from "assert";
import { derivedNames } from "../../../policy/src/pack";
import { runResourcePolicy } from "../helpers/harness";
import { Manifest, ROLLOUT, istioHostRollout, nginxRollout } from "../helpers/manifests";

/** An experiment step comparing a baseline and a canary, with traffic weights (so each template gets a Service). */
function withExperiment(rollout: Manifest, templateName: string, service?: { name?: string }): Manifest {
    rollout.spec.strategy.canary.steps.splice(2, 0, {
        experiment: {
            duration: "10m",
            templates: [{ name: templateName, specRef: "canary", weight: 5, ...(service ? { service } : {}) }],
            analyses: [{ name: "compare", templateName: "success-rate" }],
        },
    });
    return rollout;
}

describe("canary-derived-names", () => {
    it("passes a short experiment Service name and canary Ingress", async () => {
        const result = await runResourcePolicy(derivedNames, { type: ROLLOUT, name: "r", props: withExperiment(istioHostRollout(), "exp") });
        assert.deepStrictEqual(result.messages, []);
        const nginx = await runResourcePolicy(derivedNames, { type: ROLLOUT, name: "r", props: nginxRollout() });
        assert.deepStrictEqual(nginx.messages, []);
    });

    it("fails an experiment Service name that passes 63 characters", async () => {
        const rollout = withExperiment(istioHostRollout("checkout-eu-west-1-primary"), "experiment-canary-long");
        const result = await runResourcePolicy(derivedNames, { type: ROLLOUT, name: "r", props: rollout });
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/checkout-eu-west-1-primary": spec.strategy.canary.steps[2].experiment.templates[0] ("experiment-canary-long") gets a Service ` +
                `named "<rollout>-<hash>-<revision>-2-experiment-canary-long", 66 characters with a 10-character hash and a 3-digit revision; ` +
                `the name must be at most 63 characters (RFC 1035 label), got 66, and the controller does not shorten it (argoproj/argo-rollouts#1637). ` +
                `Shorten the Rollout or template name, or set spec.strategy.canary.steps[2].experiment.templates[0].service.name.`,
        ]);
        assert.strictEqual(result.violations[0].level, "mandatory");
    });

    it("fails an experiment Service of a Rollout whose name starts with a digit", async () => {
        const result = await runResourcePolicy(derivedNames, { type: ROLLOUT, name: "r", props: withExperiment(istioHostRollout("1app"), "exp") });
        assert.match(result.messages[0], /must start with a letter \(RFC 1035 label/);
    });

    it("checks an explicit experiment service.name instead of the derived one", async () => {
        const long = withExperiment(istioHostRollout("checkout-eu-west-1-primary"), "experiment-canary-long", { name: "exp-svc" });
        assert.deepStrictEqual((await runResourcePolicy(derivedNames, { type: ROLLOUT, name: "r", props: long })).messages, []);
        const bad = withExperiment(istioHostRollout(), "exp", { name: "Exp_Svc" });
        const result = await runResourcePolicy(derivedNames, { type: ROLLOUT, name: "r", props: bad });
        assert.match(result.messages[0], /templates\[0\]\.service\.name "Exp_Svc" must be an RFC 1035 label/);
    });

    it("ignores experiment templates that get no Service (no weight, no service, no traffic routing)", async () => {
        const rollout = withExperiment(istioHostRollout("checkout-eu-west-1-primary"), "experiment-canary-long");
        delete rollout.spec.strategy.canary.trafficRouting;
        assert.deepStrictEqual((await runResourcePolicy(derivedNames, { type: ROLLOUT, name: "r", props: rollout })).messages, []);
    });

    it("fails a canary Ingress name above the Ingress limit of 253", async () => {
        const rollout = nginxRollout("w".repeat(120));
        rollout.spec.strategy.canary.trafficRouting.nginx.stableIngress = "i".repeat(130);
        const result = await runResourcePolicy(derivedNames, { type: ROLLOUT, name: "r", props: rollout });
        assert.deepStrictEqual(result.messages, [
            `Rollout "shop/${"w".repeat(120)}": spec.strategy.canary.trafficRouting.nginx.stableIngress "${"i".repeat(130)}" makes the controller ` +
                `create the canary Ingress "<rollout>-<ingress>-canary", 258 characters; at most 253 allowed.`,
        ]);
    });

    describe("config", () => {
        it("canaryIngressMaxLength 63 holds canary Ingress names to a label", async () => {
            const rollout = nginxRollout("storefront-eu-west-1");
            rollout.spec.strategy.canary.trafficRouting.nginx.stableIngresses = ["storefront-eu-west-1-public-internet"];
            const result = await runResourcePolicy(derivedNames, { type: ROLLOUT, name: "r", props: rollout }, { config: { canaryIngressMaxLength: 63 } });
            assert.deepStrictEqual(result.messages.length, 1);
            assert.match(result.messages[0], /nginx\.stableIngresses\[0\] "storefront-eu-west-1-public-internet" .* 64 characters; at most 63 allowed/);
        });
        it("revisionDigits changes the budget", async () => {
            // 26 + 1 + 10 + 1 + r + 1 + 1 + 1 + 20 = 61 + r: fits with 2 digits, not with 3.
            const rollout = withExperiment(istioHostRollout("checkout-eu-west-1-primary"), "experiment-canary-ab");
            assert.deepStrictEqual((await runResourcePolicy(derivedNames, { type: ROLLOUT, name: "r", props: rollout }, { config: { revisionDigits: 2 } })).messages, []);
            assert.strictEqual((await runResourcePolicy(derivedNames, { type: ROLLOUT, name: "r", props: rollout })).messages.length, 1);
        });
        it("enforcementLevel advisory downgrades the violation", async () => {
            const rollout = withExperiment(istioHostRollout("checkout-eu-west-1-primary"), "experiment-canary-long");
            const result = await runResourcePolicy(derivedNames, { type: ROLLOUT, name: "r", props: rollout }, { config: "advisory" });
            assert.strictEqual(result.violations[0].level, "advisory");
        });
    });
});
