// Header values (a bearer token, say) of the Prometheus queries and of the webhooks never reach the
// Pulumi state in plaintext: not
// in the component's recorded inputs, not in any checkpoint, backup or history file, whether the
// value was given as a plain string or as a secret, from TypeScript in-process or from Pulumi
// YAML through the provider plugin. The Kubernetes Secret the analysis reads still holds them.
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { cliEnv, pulumi as pulumiCli, sharedStagedProvider } from "../../scripts/provider-plugin";
import { openStack } from "../../scripts/pulumi/workspace";
import { CanaryDelivery } from "../../provider/src";
import { getObject, NamespaceRef, useSharedCluster } from "../helpers/local-cluster";
import { usePulumiRun } from "../helpers/pulumi-run";

const NAMESPACE = "state-secrets";

/** Every file of a file backend, recursively (checkpoints, their backups, history). */
function stateFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? stateFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

function assertNotInState(stateDir: string, values: string[]): void {
    const files = stateFiles(stateDir);
    assert.ok(files.some((f) => f.endsWith(".json")), `the state has checkpoints (${files.length} files)`);
    for (const file of files) {
        const text = fs.readFileSync(file, "utf8");
        for (const value of values) assert.ok(!text.includes(value), `${path.relative(stateDir, file)} holds "${value}" in plaintext`);
    }
}

/** The decoded values of the release's analysis Secret, by key. */
function secretValues(at: NamespaceRef, name: string): string[] {
    const secret = getObject(at.current(), "secrets", name, at.namespace);
    assert.ok(secret, `Secret ${name} exists`);
    return Object.values(secret.data as Record<string, string>).map((v) => Buffer.from(v, "base64").toString());
}

describe("Prometheus and webhook header values stay out of the state in plaintext (real CLI, state files grepped)", function () {
    this.timeout(600_000);
    // No destroys: the namespace goes after the suite, and the two releases have names of their own.
    const cluster = useSharedCluster(NAMESPACE);

    describe("TypeScript, in-process", () => {
        const { stateDir, capture } = usePulumiRun();
        const PLAIN = "Bearer plain-ts-4f1d9c";
        const SECRET = "Bearer secret-ts-8a27e3";
        const HOOK = "Bearer hook-ts-5e0b17";
        it("a plain-string and a secret header value, and a webhook's: up, then none is in any state file; the Secret has them", async () => {
            const stack = await openStack({
                program: async () => {
                    const release = new CanaryDelivery("shop", {
                        namespace: NAMESPACE,
                        template: { image: "shop:1" },
                        istio: {},
                        analysis: {
                            prometheus: {
                                address: "http://prometheus.monitoring:9090",
                                headers: [{ name: "Authorization", value: PLAIN }, { name: "X-Token", value: pulumi.secret(SECRET) }],
                            },
                            successRate: {},
                            webhooks: [{ name: "smoke", url: "http://checks.test/smoke", headers: [{ name: "Authorization", value: HOOK }] }],
                        },
                        steps: [{ weight: 20, pause: "1m" }],
                        delivery: { wait: false },
                    });
                    return { secretName: release.analysisSecretName };
                },
                stackName: "secrets-ts", stateDir, kubeconfig: cluster.current().kubeconfig,
            });
            const up = await stack.up({ onOutput: capture });
            assert.deepStrictEqual(secretValues(cluster, up.outputs.secretName.value).sort(), [PLAIN, SECRET, HOOK].sort());
            // A second update writes more checkpoints and history.
            await stack.up({ onOutput: capture });
            assertNotInState(stateDir, [PLAIN, SECRET, HOOK, "plain-ts-4f1d9c", "hook-ts-5e0b17"]);
        });
    });

    describe("Pulumi YAML, through the provider plugin", () => {
        const { stateDir, capture } = usePulumiRun();
        const PLAIN = "Bearer plain-yaml-2c61b0";
        const SECRET = "Bearer secret-yaml-97d4fa";
        const HOOK = "Bearer hook-yaml-c3a9d2";
        let dir: string;
        let env: NodeJS.ProcessEnv;
        before(() => {
            dir = fs.mkdtempSync(path.join(stateDir, "..", "canary-secrets-yaml-"));
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), [
                "name: secrets-yaml",
                "runtime: yaml",
                "packages:",
                `  canary-delivery: ${sharedStagedProvider().dir}`,
                "resources:",
                "  shop-yaml:",
                "    type: canary-delivery:CanaryDelivery",
                "    properties:",
                `      namespace: ${NAMESPACE}`,
                "      template:",
                "        image: shop:1",
                "      istio: {}",
                "      analysis:",
                "        prometheus:",
                "          address: http://prometheus.monitoring:9090",
                "          headers:",
                "            - name: Authorization",
                `              value: ${PLAIN}`,
                "            - name: X-Token",
                "              value:",
                `                fn::secret: ${SECRET}`,
                "        successRate: {}",
                "        webhooks:",
                "          - name: smoke",
                "            url: http://checks.test/smoke",
                "            headers:",
                "              - name: Authorization",
                `                value: ${HOOK}`,
                "      steps:",
                "        - weight: 20",
                "          pause: 1m",
                "      delivery:",
                "        wait: false",
                "outputs:",
                "  secretName: ${shop-yaml.analysisSecretName}",
            ].join("\n") + "\n");
            env = cliEnv(stateDir);
            pulumiCli(["stack", "init", "it"], { cwd: dir, env });
            pulumiCli(["config", "set", "kubernetes:kubeconfig", cluster.current().kubeconfig], { cwd: dir, env });
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("a plain-string and a secret header value, and a webhook's: up, then none is in any state file; the Secret has them", () => {
            capture(pulumiCli(["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: dir, env }));
            const outputs = JSON.parse(pulumiCli(["stack", "output", "--json"], { cwd: dir, env }));
            assert.deepStrictEqual(secretValues(cluster, outputs.secretName).sort(), [PLAIN, SECRET, HOOK].sort());
            capture(pulumiCli(["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: dir, env }));
            assertNotInState(stateDir, [PLAIN, SECRET, HOOK, "plain-yaml-2c61b0", "hook-yaml-c3a9d2"]);
        });
    });
});
