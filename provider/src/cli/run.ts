// The CLI as a function: argv in, text out, an exit code back; main.ts wires it to the process.
import { parseCommandLine, Parsed, USAGE, UsageError } from "./args";
import * as fs from "fs";
import { control } from "./commands/control";
import { report } from "./commands/report";
import { status } from "./commands/status";
import { EXIT_CODES, ExitCode } from "./exit-codes";
import { exportStack, findReleases, Release, ReleaseError } from "./releases";
import type { Output } from "./watch";

export interface Io {
    stdout: Output;
    stderr: Output;
    /** `pulumi stack export`, replaceable in tests. */
    exporter?: typeof exportStack;
    /** The input of `report`: the file, or stdin without one; replaceable in tests. */
    readInput?: (file?: string) => Promise<string>;
}

const readInput = async (file?: string): Promise<string> => {
    if (file !== undefined) return fs.promises.readFile(file, "utf8");
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
};

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
    if (parsed.command === "report") return report(parsed, io.readInput ?? readInput, io.stdout, io.stderr);
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
