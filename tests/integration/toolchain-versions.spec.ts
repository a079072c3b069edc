// The npm, Go and CLI versions of the Pulumi pieces must agree: scripts/versions.env is
// the one source, and everything that pins a version is checked against it. In the integration
// tier because it also reads what the bootstrap installed (node_modules), not only the checkout.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../scripts/paths";

const read = (f: string) => fs.readFileSync(path.join(repoRoot, f), "utf8");
const versions = Object.fromEntries(read("scripts/versions.env").split("\n")
    .filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split("=", 2) as [string, string]));
const goRequire = (mod: string, name: string) =>
    new RegExp(`^\\s*(?:require\\s+)?${name.replace(/\./g, "\\.")} (v\\S+)`, "m").exec(read(`scripts/toolchain/${mod}/go.mod`))?.[1];

describe("toolchain versions agree with scripts/versions.env", () => {
    for (const pkg of ["provider/package.json", "policy/package.json"]) {
        it(`${pkg} pins @pulumi/pulumi to PULUMI_VERSION`, () => {
            assert.strictEqual(JSON.parse(read(pkg)).dependencies["@pulumi/pulumi"], versions.PULUMI_VERSION);
        });
    }
    it("provider/package.json pins @pulumi/kubernetes to PULUMI_KUBERNETES_VERSION", () => {
        assert.strictEqual(JSON.parse(read("provider/package.json")).dependencies["@pulumi/kubernetes"],
            versions.PULUMI_KUBERNETES_VERSION);
    });
    it("the installed @pulumi/pulumi is the pinned one", () => {
        assert.strictEqual(JSON.parse(read("node_modules/@pulumi/pulumi/package.json")).version, versions.PULUMI_VERSION);
    });
    it("the CLI is built from pulumi/pkg and sdk at PULUMI_VERSION", () => {
        assert.strictEqual(goRequire("pulumi", "github.com/pulumi/pulumi/pkg/v3"), `v${versions.PULUMI_VERSION}`);
        assert.strictEqual(goRequire("pulumi", "github.com/pulumi/pulumi/sdk/v3"), `v${versions.PULUMI_VERSION}`);
    });
    it("the Kubernetes provider plugin is built from the pinned module", () => {
        assert.strictEqual(goRequire("kubernetes-provider", "github.com/pulumi/pulumi-kubernetes/provider/v4"),
            versions.PULUMI_KUBERNETES_PROVIDER_MODULE);
        assert.strictEqual(goRequire("kubernetes-provider", "github.com/pulumi/pulumi-kubernetes/sdk/v4"),
            `v${versions.PULUMI_KUBERNETES_VERSION}`);
    });
    it("the YAML language host is built from pulumi-yaml at PULUMI_YAML_VERSION", () => {
        assert.strictEqual(goRequire("langhost-yaml", "github.com/pulumi/pulumi-yaml"), `v${versions.PULUMI_YAML_VERSION}`);
    });
    it("our language hosts are built on pulumi/pkg and sdk at PULUMI_VERSION", () => {
        assert.strictEqual(goRequire("langhost", "github.com/pulumi/pulumi/pkg/v3"), `v${versions.PULUMI_VERSION}`);
        assert.strictEqual(goRequire("langhost", "github.com/pulumi/pulumi/sdk/v3"), `v${versions.PULUMI_VERSION}`);
    });
    it("kube-apiserver, kubectl and etcd are built from the pinned modules", () => {
        assert.strictEqual(goRequire("kubernetes", "k8s.io/kubernetes"), `v${versions.KUBERNETES_VERSION}`);
        assert.strictEqual(goRequire("etcd", "go.etcd.io/etcd/server/v3"), `v${versions.ETCD_VERSION}`);
    });
    it("kube-scheduler (end-to-end tier) is a tool of the same kubernetes module", () => {
        assert.match(read("scripts/toolchain/kubernetes/go.mod"), /^\s*(?:tool\s+)?k8s\.io\/kubernetes\/cmd\/kube-scheduler$/m);
    });
    it("kwok (end-to-end tier) is built from sigs.k8s.io/kwok at KWOK_VERSION", () => {
        assert.strictEqual(goRequire("kwok", "sigs.k8s.io/kwok"), `v${versions.KWOK_VERSION}`);
        assert.match(read("scripts/toolchain/kwok/go.mod"), /^tool sigs\.k8s\.io\/kwok\/cmd\/kwok$/m);
    });
    it("the Argo Rollouts controller is built at the version of the CRDs (ARGO_ROLLOUTS_VERSION)", () => {
        assert.strictEqual(goRequire("argo-rollouts", "github.com/argoproj/argo-rollouts"), `v${versions.ARGO_ROLLOUTS_VERSION}`);
        assert.match(read("scripts/toolchain/argo-rollouts/go.mod"), /^tool github\.com\/argoproj\/argo-rollouts\/cmd\/rollouts-controller$/m);
        assert.match(read("scripts/toolchain/argo-rollouts/go.mod"), new RegExp(`argo-rollouts@v${versions.ARGO_ROLLOUTS_VERSION.replace(/\./g, "\\.")}/go\\.mod`),
            "the header names the go.mod its replace lines were copied from");
    });
});
