// The generated-input test, finished on the real API server: every object of every mutation the
// parser accepts (tests/helpers/mutations.ts, the same seed as tests/unit/parse.mutations.spec.ts)
// is created with a server-side dry run against the real CRDs and the API server's own validation.
// An accepted argument that the API server refuses is a hole in the parser (issue 10).
import * as assert from "assert";
import { kubectl } from "../../scripts/cluster/cluster";
import { acceptedReleases } from "../helpers/mutations";
import { useSharedCluster } from "../helpers/local-cluster";

const NAMESPACE = "mutations-dry-run";

describe("accepted mutations on the real API server (server-side dry run)", function () {
    this.timeout(600_000);
    const cluster = useSharedCluster(NAMESPACE);

    it("the API server accepts every object of every accepted mutation", () => {
        const objects: { id: number; what: string; manifest: Record<string, unknown> }[] = [];
        let releases = 0;
        let unresolved = 0;
        for (const r of acceptedReleases()) {
            releases += 1;
            for (const o of r.objects) {
                // A patch of an existing Deployment is not an object to create; an Output's value is only known at deployment.
                if (o.kind === "DeploymentPatch") continue;
                if (o.unresolved) {
                    unresolved += 1;
                    continue;
                }
                const manifest = JSON.parse(JSON.stringify(o.manifest)) as { metadata: Record<string, unknown> };
                // Every release in the suite's namespace; names made unique so each is judged on its own.
                manifest.metadata = { ...manifest.metadata, namespace: NAMESPACE, name: `m${r.id}-${String(manifest.metadata.name)}`.slice(0, 253) };
                objects.push({ id: r.id, what: `mutation ${r.id} (${r.description}) ${o.kind} ${o.role}`, manifest });
            }
        }
        const list = JSON.stringify({ apiVersion: "v1", kind: "List", items: objects.map((o) => o.manifest) });
        let stderr = "";
        try {
            kubectl(cluster.current(), ["create", "--dry-run=server", "-o", "name", "-f", "-"], list);
        } catch (err) {
            stderr = String((err as { stderr?: string }).stderr ?? err);
        }
        console.log(`      accepted releases ${releases}: ${objects.length} objects dry-run created, ${unresolved} left out (a value from an Output)`);
        assert.strictEqual(stderr.trim(), "", `the API server refused objects the parser accepted:\n${stderr.slice(0, 4000)}`);
    });
});
