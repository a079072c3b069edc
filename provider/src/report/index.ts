// `canary-delivery report`: the JSON of `pulumi preview --json` in, one Markdown document for a
// pull-request comment out. parse (preview.ts) -> facts per release (facts.ts) -> Markdown (render.ts).
import { reportFacts } from "./facts";
import { parsePreview, PreviewInputError } from "./preview";
import { renderInputError, renderReport, RenderOptions } from "./render";

export interface Report {
    markdown: string;
    /** False when the input was not a preview at all (the Markdown then says so). */
    readable: boolean;
}

export function report(previewJson: string, opts: RenderOptions = {}): Report {
    try {
        return { markdown: renderReport(reportFacts(parsePreview(previewJson)), opts), readable: true };
    } catch (err) {
        if (!(err instanceof PreviewInputError)) throw err;
        return { markdown: renderInputError(err.message, opts), readable: false };
    }
}

export { GITHUB_COMMENT_LIMIT, markerOf } from "./render";
