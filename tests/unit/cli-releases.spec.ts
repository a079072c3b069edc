// Finding the releases of a stack from its state, as `pulumi stack export` records it (fixtures
// recorded from real stacks on a local cluster, paths rewritten): each CanaryDelivery's Rollout,
// and the cluster of the Kubernetes provider its Rollout was created with, explicit or default.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { exportStack, findReleases, releasesOfStack, ReleaseError } from "../../provider/src/cli/releases";

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "stack-export", `${name}.json`), "utf8"));
const stack = (resources: object[]) => ({ version: 3, deployment: { resources } });

describe("cli: the releases of a stack", () => {
    it("the default provider: the cluster of the stack's kubernetes:kubeconfig", () => {
        assert.deepStrictEqual(releasesOfStack(fixture("default-provider")), [{
            component: "shop", name: "shop", namespace: "default",
            cluster: { known: true, target: { kubeconfig: "/home/ci/.kube/config" }, via: 'Kubernetes provider "default_4_25_0"' },
        }]);
    });

    it("a default provider with no kubeconfig: the ambient KUBECONFIG", () => {
        const exported = fixture("default-provider");
        const provider = exported.deployment.resources.find((r: { type: string }) => r.type === "pulumi:providers:kubernetes");
        delete provider.inputs.kubeconfig;
        delete provider.outputs.kubeconfig;
        const [release] = releasesOfStack(exported);
        assert.deepStrictEqual(release.cluster, { known: true, target: {}, via: 'Kubernetes provider "default_4_25_0"' });
    });

    it("an explicit provider: its kubeconfig, context and namespace, for every release created with it", () => {
        const cluster = { known: true, target: { kubeconfig: "/home/ci/.kube/config", context: "local", namespace: "default" }, via: 'Kubernetes provider "second"' };
        assert.deepStrictEqual(releasesOfStack(fixture("explicit-provider")), [
            { component: "web", name: "web-frontend", namespace: "default", cluster },
            { component: "api", name: "api", namespace: "default", cluster },
        ]);
    });

    it("a secret kubeconfig: exported again with --show-secrets, and the document itself is the target", async () => {
        const calls: boolean[] = [];
        const exporter = async (_stack: string, _cwd: string | undefined, showSecrets: boolean) => {
            calls.push(showSecrets);
            return fixture(showSecrets ? "secret-kubeconfig.show-secrets" : "secret-kubeconfig");
        };
        const [release] = await findReleases({ kind: "stack", stack: "prod" }, undefined, exporter);
        assert.deepStrictEqual(calls, [false, true], "--show-secrets only when a secret is needed");
        assert.ok(release.cluster.known);
        assert.match(release.cluster.target.kubeconfig!, /^apiVersion: v1\nkind: Config\nclusters:/);
        assert.strictEqual(release.cluster.target.namespace, "default");
        assert.strictEqual(release.cluster.via, 'Kubernetes provider "eks"');
    });

    describe("picking a release by name", () => {
        const exporter = async () => fixture("explicit-provider");
        it("by the component's name or the Rollout's; all of them without a name", async () => {
            assert.deepStrictEqual((await findReleases({ kind: "stack", stack: "dev" }, "web", exporter)).map((r) => r.name), ["web-frontend"]);
            assert.deepStrictEqual((await findReleases({ kind: "stack", stack: "dev" }, "web-frontend", exporter)).map((r) => r.component), ["web"]);
            assert.deepStrictEqual((await findReleases({ kind: "stack", stack: "dev" }, undefined, exporter)).map((r) => r.component), ["web", "api"]);
        });
        it("an unknown name says which releases the stack has", async () => {
            await assert.rejects(findReleases({ kind: "stack", stack: "dev" }, "cart", exporter),
                (e: Error) => e instanceof ReleaseError && e.message === 'stack "dev" has no release "cart"; it has web (Rollout web-frontend), api');
        });
    });

    it("explicit: the named Rollout on the given kubeconfig and context", async () => {
        const releases = await findReleases({ kind: "explicit", target: { kubeconfig: "/k", context: "prod", namespace: "apps" } }, "shop");
        assert.deepStrictEqual(releases, [{
            name: "shop", namespace: "apps",
            cluster: { known: true, target: { kubeconfig: "/k", context: "prod", namespace: "apps" }, via: "kubeconfig /k, context prod" },
        }]);
        const [ambient] = await findReleases({ kind: "explicit", target: {} }, "shop");
        assert.deepStrictEqual(ambient.cluster, { known: true, target: {}, via: "the ambient kubeconfig (KUBECONFIG or ~/.kube/config)" });
    });

    it("a stack without a CanaryDelivery, or one not deployed yet, is an error that says so", async () => {
        const withoutRelease = fixture("default-provider");
        withoutRelease.deployment.resources = withoutRelease.deployment.resources.filter((r: { type: string }) => !r.type.startsWith("canary-delivery"));
        await assert.rejects(findReleases({ kind: "stack", stack: "dev" }, undefined, async () => withoutRelease),
            /stack "dev" has no CanaryDelivery \(no resource of type canary-delivery:index:CanaryDelivery\)/);
        assert.throws(() => releasesOfStack(stack([{ urn: "urn:pulumi:dev::app::canary-delivery:index:CanaryDelivery::shop", type: "canary-delivery:index:CanaryDelivery" }])),
            /CanaryDelivery "shop" has no rolloutName output in the stack: has it been deployed/);
    });

    it("a release whose Kubernetes provider the stack does not record: the cluster is unknown, never guessed", () => {
        const exported = fixture("explicit-provider");
        exported.deployment.resources = exported.deployment.resources.filter((r: { type: string }) => r.type !== "pulumi:providers:kubernetes");
        const [web] = releasesOfStack(exported);
        assert.deepStrictEqual(web.cluster, { known: false, reason: 'the Kubernetes provider "second" of Rollout web-rollout is not in the stack' });
    });

    describe("pulumi stack export", () => {
        let dir: string;
        let savedPath: string | undefined;
        before(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-pulumi-"));
            // A stand-in pulumi that answers with its arguments, directory and backend.
            fs.writeFileSync(path.join(dir, "pulumi"), [
                "#!/bin/sh",
                'if [ "$4" = "broken" ]; then echo "error: no stack named broken found" >&2; exit 255; fi',
                'printf \'{"args":"%s","cwd":"%s","backend":"%s"}\' "$*" "$(pwd)" "$PULUMI_BACKEND_URL"',
            ].join("\n"), { mode: 0o755 });
            savedPath = process.env.PATH;
            process.env.PATH = `${dir}${path.delimiter}${savedPath}`;
            process.env.PULUMI_BACKEND_URL = "file:///tmp/state";
        });
        after(() => {
            process.env.PATH = savedPath;
            delete process.env.PULUMI_BACKEND_URL;
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("runs in --cwd with the caller's environment", async () => {
            assert.deepStrictEqual(await exportStack("dev", dir, false), { args: "stack export --stack dev", cwd: fs.realpathSync(dir), backend: "file:///tmp/state" });
            assert.deepStrictEqual(((await exportStack("dev", dir, true)) as { args: string }).args, "stack export --stack dev --show-secrets");
        });

        it("a failure carries pulumi's message", async () => {
            await assert.rejects(exportStack("broken", undefined, false),
                (e: Error) => e instanceof ReleaseError && /`pulumi stack export --stack broken` failed \(exit 255\): error: no stack named broken found/.test(e.message));
        });
    });
});
