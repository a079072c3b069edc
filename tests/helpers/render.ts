// Runs the pure half of the pipeline (parse, resolve, build) on a scenario, as the component does.
import type { CanaryDeliveryArgs } from "../../provider/src/args";
import { buildRelease, ReleaseManifests } from "../../provider/src/build";
import { parseArgs } from "../../provider/src/parse";
import { resolve } from "../../provider/src/resolve";
import type { Resolved } from "../../provider/src/resolve/model";

export function render(name: string, args: CanaryDeliveryArgs): { resolved: Resolved; manifests: ReleaseManifests; warnings: string[] } {
    const parsed = parseArgs(name, args);
    const resolved = resolve(parsed.args, parsed.release);
    return { resolved, manifests: buildRelease(resolved), warnings: parsed.warnings };
}
