// The picture of a report comment in the README: the golden report of a live paused canary
// (tests/unit/golden/report/image-change-live-paused.md) rendered as GitHub-flavoured Markdown to
// HTML with `marked`, then screenshotted with Debian's headless Chromium.
//
//   apt-get install chromium     # once
//   npx ts-node --transpile-only examples/pr-report/picture.ts
//
// writes examples/pr-report/comment.html and examples/pr-report/comment.png.
// tests/unit/report-picture.spec.ts checks that comment.html is this sample's rendering and holds
// its verdict and tables.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const HERE = __dirname;
export const SAMPLE = path.resolve(HERE, "..", "..", "tests", "unit", "golden", "report", "image-change-live-paused.md");
export const HTML_FILE = path.join(HERE, "comment.html");
export const PNG_FILE = path.join(HERE, "comment.png");

// A plain style close to a GitHub comment: the picture shows the content, not a copy of GitHub's CSS.
const STYLE = `
body { margin: 0; background: #f6f8fa; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
.comment { margin: 16px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }
.comment > header { padding: 8px 16px; border-bottom: 1px solid #d0d7de; background: #f6f8fa; color: #59636e; border-radius: 6px 6px 0 0; }
.comment > article { padding: 4px 16px 8px; }
h2 { font-size: 1.4em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
h3 { font-size: 1.15em; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #d1d9e0; padding: 4px 10px; vertical-align: top; }
th { background: #f6f8fa; }
code { background: #eff1f3; border-radius: 4px; padding: .1em .35em; font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
`;

/** The comment as a standalone HTML page. */
export function commentHtml(markdown: string): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { marked } = require("marked") as typeof import("marked");
    const body = marked.parse(markdown, { gfm: true, async: false }) as string;
    return `<!doctype html>
<html><head><meta charset="utf-8"><title>canary-delivery report</title><style>${STYLE}</style></head>
<body><div class="comment"><header><b>github-actions</b> commented</header><article>
${body}</article></div></body></html>
`;
}

function main(): void {
    const html = commentHtml(fs.readFileSync(SAMPLE, "utf8"));
    fs.writeFileSync(HTML_FILE, html);
    execFileSync("chromium", [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
        "--window-size=1100,1100", `--screenshot=${PNG_FILE}`, `file://${HTML_FILE}`,
    ], { stdio: ["ignore", "ignore", "pipe"] });
    process.stderr.write(`wrote ${path.relative(process.cwd(), HTML_FILE)} and ${path.relative(process.cwd(), PNG_FILE)}\n`);
}

if (require.main === module) main();
