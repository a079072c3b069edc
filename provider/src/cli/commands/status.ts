// `canary-delivery status [--watch] [--json]`: where each release stands, once or until it settles.
import type { Invocation } from "../args";
import { combinedExitCode, EXIT_CODES, ExitCode, exitCodeOf } from "../exit-codes";
import { observe, Observation } from "../observe";
import type { Release } from "../releases";
import { renderRelease, statusJson } from "../render";
import { Output, watchReleases } from "../watch";

export const codeOf = (o: Observation): ExitCode => (o.error || !o.progress ? EXIT_CODES.error : exitCodeOf(o.progress.state));

export async function status(inv: Invocation, releases: Release[], out: Output): Promise<ExitCode> {
    const first = await Promise.all(releases.map((r) => observe(r)));
    // A release that cannot be read at all (not found, no cluster) ends the watch before it starts.
    if (inv.watch && !first.some((o) => o.error)) {
        return (await watchReleases(releases, { timeoutSeconds: inv.timeoutSeconds, json: inv.json, out, first })).exitCode;
    }
    const code = combinedExitCode(first.map(codeOf));
    if (inv.json) out.write(`${JSON.stringify({ exitCode: code, releases: first.map(statusJson) }, null, 2)}\n`);
    else out.write(`${first.map((o) => renderRelease(o).join("\n")).join("\n\n")}\n`);
    return code;
}
