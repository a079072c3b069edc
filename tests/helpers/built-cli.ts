// The canary-delivery CLI as users run it: the script package.json's `bin` names, compiled from the
// sources once per process before first use (tsc -b is incremental: about a second when nothing
// changed), so a spec never runs a stale build and pays no ts-node start per call.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { providerDir, repoRoot } from "../../scripts/paths";

let built: string | undefined;

/** Path of the compiled CLI (run it with `node`). */
export function builtCli(): string {
    if (!built) {
        execFileSync(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-b", "provider"], { cwd: repoRoot, stdio: "pipe" });
        const bin = JSON.parse(fs.readFileSync(path.join(providerDir, "package.json"), "utf8")).bin["canary-delivery"];
        built = path.join(providerDir, bin);
    }
    return built;
}
