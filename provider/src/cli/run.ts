// The CLI as a function: argv in, text out, an exit code back; main.ts wires it to the process.
import { parseCommandLine, Parsed, USAGE, UsageError } from "./args";
import { control } from "./commands/control";
import { status } from "./commands/status";
import { EXIT_CODES, ExitCode } from "./exit-codes";
import { exportStack, findReleases, Release, ReleaseError } from "./releases";
import type { Output } from "./watch";

export interface Io {
    stdout: Output;
    stderr: Output;
    /** `pulumi stack export`, replaceable in tests. */
    exporter?: typeof exportStack;
}

export async function run(argv: string[], io: Io): Promise<ExitCode> {
    let parsed: Parsed;
    try {
        parsed = parseCommandLine(argv);
    } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        io.stderr.write(`canary-delivery: ${err.message}\nRun \`canary-delivery --help\` for the usage.\n`);
        return EXIT_CODES.error;
    }
    if (parsed.help) {
        io.stdout.write(USAGE);
        return EXIT_CODES.healthy;
    }
    try {
        let releases: Release[];
        try {
            releases = await findReleases(parsed.source, parsed.release, io.exporter);
        } catch (err) {
            if (!(err instanceof ReleaseError)) throw err;
            io.stderr.write(`canary-delivery: ${err.message}\n`);
            return EXIT_CODES.error;
        }
        return parsed.command === "status" ? await status(parsed, releases, io.stdout) : await control(parsed, releases, io.stdout, io.stderr);
    } catch (err) {
        io.stderr.write(`canary-delivery: ${(err as Error).message}\n`);
        return EXIT_CODES.error;
    }
}
