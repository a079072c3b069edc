// Prepares the Kubernetes provider's build with one upstream bug fixed (usage: patch.ts
// <provider module dir> <output dir>; prints the go.mod to build with, via `go build -modfile`).
//
// The bug (pulumi-kubernetes v4.25.0, still on its main branch): the delete awaiter's
// `Deleted.Satisfied` calls kstatus `status.Compute` on the last object it saw and reads
// `.Message` without checking the error. For an Argo Rollout, `status.observedGeneration`
// is a string, so kstatus returns nil and an error for any copy of the Rollout that is not
// yet marked for deletion, and the whole provider process dies with a nil dereference.
// That happens whenever such a copy reaches the awaiter: the shared informer, started by the
// first delete in a namespace, replays its cached copy of the next Rollout deleted there.
// Every stack that removes two canaries of one namespace at once can hit it
// (tests/integration/rollout-delete.spec.ts does so on purpose).
//
// The fix is the smallest one: use the status message only when kstatus computed one. The
// module is copied out of the module cache (`go build -overlay` may not replace files there),
// one statement is changed, and a copy of this folder's go.mod replaces the module with the
// copy. If that statement is not found (another provider version), the build stops here.
import * as fs from "fs";
import * as path from "path";

const MODULE = "github.com/pulumi/pulumi-kubernetes/provider/v4";
const FILE = "pkg/await/condition/deleted.go";
const BUGGY = /\tr, _ := status\.Compute\(uns\)\n\tif r\.Message != "" \{\n/;
const FIXED = '\tr, err := status.Compute(uns)\n\tif err == nil && r.Message != "" {\n';

function main(moduleDir: string, outDir: string): void {
    const text = fs.readFileSync(path.join(moduleDir, FILE), "utf8");
    if (!BUGGY.test(text)) {
        throw new Error(`${path.join(moduleDir, FILE)}: the statement this patch fixes is not there; ` +
            "check whether the provider version changed and whether the fix is still needed");
    }
    const copy = path.join(outDir, "module");
    fs.rmSync(copy, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    // The module cache's files are read-only; the copy must be writable to be removed later.
    fs.cpSync(moduleDir, copy, { recursive: true });
    fs.chmodSync(path.join(copy, FILE), 0o644);
    fs.writeFileSync(path.join(copy, FILE), text.replace(BUGGY, FIXED));
    const here = __dirname;
    const modfile = path.join(outDir, "go.mod");
    fs.writeFileSync(modfile, `${fs.readFileSync(path.join(here, "go.mod"), "utf8")}\nreplace ${MODULE} => ${copy}\n`);
    fs.copyFileSync(path.join(here, "go.sum"), path.join(outDir, "go.sum"));
    process.stdout.write(modfile + "\n");
}

const [moduleDir, outDir] = process.argv.slice(2);
if (!moduleDir || !outDir) {
    process.stderr.write("usage: patch.ts <provider module dir> <output dir>\n");
    process.exit(2);
}
main(moduleDir, outDir);
