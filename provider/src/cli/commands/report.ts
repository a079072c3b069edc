// `canary-delivery report [--file PATH]`: the Markdown of a pull-request comment from a preview's
// JSON. Always writes a document: an unreadable input gets one that says so (and exit 1).
import type { ReportInvocation } from "../args";
import { EXIT_CODES, ExitCode } from "../exit-codes";
import { report as renderReport } from "../../report";
import type { Output } from "../watch";

export async function report(inv: ReportInvocation, read: (file?: string) => Promise<string>, out: Output, err: Output): Promise<ExitCode> {
    const names = { maxChars: inv.maxChars, ...(inv.project && { project: inv.project }), ...(inv.stack && { stack: inv.stack }) };
    let text: string;
    try {
        text = await read(inv.file);
    } catch (e) {
        const why = `cannot read ${inv.file ?? "stdin"}: ${(e as Error).message}`;
        err.write(`canary-delivery: ${why}\n`);
        out.write(renderReport("", names).markdown.replace(/^> .*$/m, `> ${why}`));
        return EXIT_CODES.error;
    }
    const r = renderReport(text, names);
    out.write(r.markdown);
    if (!r.readable) err.write("canary-delivery: the input is not the JSON of a pulumi preview; the report says so\n");
    return r.readable ? EXIT_CODES.healthy : EXIT_CODES.error;
}
