// `canary-delivery report` on the command line: its options, and a document on stdout whatever
// the input (exit 1 only when the input is not a preview at all, the document saying so).
import * as assert from "assert";
import { parseCommandLine, UsageError } from "../../provider/src/cli/args";
import { run } from "../../provider/src/cli/run";

const capture = () => {
    let text = "";
    return { write: (s: string) => { text += s; return true; }, text: () => text, columns: 120, isTTY: false };
};

describe("report command line", () => {
    it("stdin by default; --file, --project, --stack, --max-chars", () => {
        assert.deepStrictEqual(parseCommandLine(["report"]), { help: false, command: "report", maxChars: 65536 });
        assert.deepStrictEqual(parseCommandLine(["report", "-f", "preview.json", "--project", "shop", "--stack", "dev", "--max-chars", "20000"]),
            { help: false, command: "report", file: "preview.json", project: "shop", stack: "dev", maxChars: 20000 });
    });
    const mistakes: [string[], RegExp][] = [
        [["report", "shop"], /report reads one preview and takes no release name/],
        [["report", "--watch"], /--watch is an option of status, not of report/],
        [["report", "--cwd", "infra"], /--cwd is an option of status, promote, abort, retry, not of report/],
        [["status", "shop", "--file", "x"], /--file is an option of report, not of status/],
        [["report", "--max-chars", "lots"], /--max-chars: "lots" is not a whole number/],
        [["report", "--file", ""], /--file needs a value/],
    ];
    for (const [argv, message] of mistakes) {
        it(`usage error: ${argv.join(" ")}`, () => assert.throws(() => parseCommandLine(argv), (e: Error) => e instanceof UsageError && message.test(e.message)));
    }

    it("run: a preview in, Markdown out with its marker, exit 0; nothing else is read", async () => {
        const [stdout, stderr] = [capture(), capture()];
        const exporter = () => { throw new Error("report reads no stack"); };
        const code = await run(["report", "--stack", "dev", "--project", "shop"], { stdout, stderr, exporter, readInput: async () => JSON.stringify({ steps: [] }) });
        assert.strictEqual(code, 0, stderr.text());
        assert.ok(stdout.text().startsWith("<!-- canary-delivery-report: shop/dev -->\n"), stdout.text());
    });

    it("run: an input that is no preview still gets a document that says so, exit 1", async () => {
        const [stdout, stderr] = [capture(), capture()];
        const code = await run(["report", "--stack", "dev"], { stdout, stderr, readInput: async () => "error: no Pulumi.yaml project file found\n" });
        assert.strictEqual(code, 1);
        assert.match(stdout.text(), /^<!-- canary-delivery-report: unknown-project\/dev -->\n## Canary release report: `\?\/dev`\n\n\*\*The preview produced no result this report can read\.\*\*/);
        assert.match(stdout.text(), /> line 1 is not JSON/);
    });

    it("run: an unreadable file: the document says why, exit 1", async () => {
        const [stdout, stderr] = [capture(), capture()];
        const code = await run(["report", "--file", "/nonexistent/preview.json"], { stdout, stderr });
        assert.strictEqual(code, 1);
        assert.match(stdout.text(), /> cannot read \/nonexistent\/preview\.json: ENOENT/);
        assert.match(stderr.text(), /cannot read \/nonexistent\/preview\.json/);
    });
});
