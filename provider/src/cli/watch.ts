// `status --watch` and a control's `--wait`: read every release every 2 s until each has settled
// (Healthy, at a gate, aborted or Degraded) or the timeout passes. On a terminal the display is
// redrawn in place; otherwise (a CI log) one line is printed per change, and with --json one JSON
// object per change. A read that fails is reported and retried: an API server blip is no verdict.
import { humanDuration } from "../core/duration";
import { settled } from "../lifecycle/progress";
import { combinedExitCode, EXIT_CODES, ExitCode, exitCodeOf } from "./exit-codes";
import { observe, Observation } from "./observe";
import type { Release } from "./releases";
import { releaseLine, renderRelease, statusJson, watchFooter } from "./render";

export interface Output {
    write(text: string): void;
    isTTY?: boolean;
    columns?: number;
}

export interface WatchOptions {
    timeoutSeconds: number;
    json: boolean;
    out: Output;
    pollMs?: number;
    /** Not settled yet although it looks so: the controller has not reacted to a control just applied. */
    notYet?: (o: Observation) => boolean;
    /** The first read, when the caller made it already. */
    first?: Observation[];
    /** One read of a release; replaceable in tests. */
    read?: (release: Release) => Promise<Observation>;
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
}

export interface WatchResult {
    observations: Observation[];
    timedOut: boolean;
    exitCode: ExitCode;
}

const isSettled = (o: Observation, notYet?: (o: Observation) => boolean) =>
    o.progress !== undefined && !o.error && settled(o.progress) && !notYet?.(o);

export async function watchReleases(releases: Release[], opts: WatchOptions): Promise<WatchResult> {
    const now = opts.now ?? Date.now;
    const read = opts.read ?? observe;
    const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const started = now();
    const deadline = started + opts.timeoutSeconds * 1000;
    const display = opts.json ? jsonDisplay(opts.out) : opts.out.isTTY ? redrawDisplay(opts.out) : lineDisplay(opts.out);
    let observations = opts.first ?? await Promise.all(releases.map((r) => read(r)));
    for (;;) {
        const done = observations.every((o) => isSettled(o, opts.notYet));
        const timedOut = !done && now() >= deadline;
        display.show(observations, done || timedOut ? undefined : watchFooter(now() - started, opts.timeoutSeconds));
        if (done || timedOut) {
            const codes = observations.map((o) => (o.error || !o.progress ? EXIT_CODES.error : isSettled(o, opts.notYet) ? exitCodeOf(o.progress.state) : EXIT_CODES.timedOut));
            if (timedOut && !opts.json) {
                opts.out.write(`timed out after ${humanDuration(opts.timeoutSeconds)} (--timeout): the release goes on in the cluster\n`);
            }
            return { observations, timedOut, exitCode: combinedExitCode(codes) };
        }
        await sleep(Math.min(opts.pollMs ?? 2000, Math.max(0, deadline - now())));
        observations = await Promise.all(releases.map((r) => read(r)));
    }
}

interface Display {
    show(observations: Observation[], footer?: string): void;
}

/** Redraws the blocks in place: cursor up over the previous frame, clear, draw. */
function redrawDisplay(out: Output): Display {
    let drawn = 0;
    return {
        show(observations, footer) {
            const width = Math.max(20, (out.columns || 120) - 1);
            // Lines longer than the terminal would wrap, and the next redraw would miscount them.
            const lines = [...observations.flatMap(renderRelease), ...(footer ? [footer] : [])].map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
            out.write(`${drawn ? `\x1b[${drawn}F\x1b[0J` : ""}${lines.join("\n")}\n`);
            drawn = lines.length;
        },
    };
}

/** One line per release whenever its line changes. */
function lineDisplay(out: Output): Display {
    const last = new Map<number, string>();
    return {
        show(observations) {
            observations.forEach((o, i) => {
                const line = releaseLine(o);
                if (last.get(i) !== line) out.write(`${line}\n`);
                last.set(i, line);
            });
        },
    };
}

/** One JSON object per release whenever its status changes. */
function jsonDisplay(out: Output): Display {
    const last = new Map<number, string>();
    return {
        show(observations) {
            observations.forEach((o, i) => {
                const json = JSON.stringify(statusJson(o));
                if (last.get(i) !== json) out.write(`${json}\n`);
                last.set(i, json);
            });
        },
    };
}
