// The command line: `canary-delivery <command> [release] [options]`, parsed with Node's own
// util.parseArgs and checked whole, so a mistake is reported before anything is read.
import { parseArgs } from "util";
import { goDurationSeconds, pauseSeconds } from "../core/duration";
import type { ClusterTarget } from "../live/cluster";
import { EXIT_CODE_MEANINGS } from "./exit-codes";

export const COMMANDS = ["status", "promote", "abort", "retry", "report"] as const;
export type CommandName = (typeof COMMANDS)[number];
/** The commands that act on releases (in a stack or on a cluster). */
export type ReleaseCommand = Exclude<CommandName, "report">;

/** Where the releases come from: a stack's state, or a Rollout named on the command line. */
export type ReleaseSource =
    | { kind: "stack"; stack: string; cwd?: string }
    | { kind: "explicit"; target: ClusterTarget };

export interface Invocation {
    command: ReleaseCommand;
    /** Component or Rollout name; required without --stack, picks one release of a stack. */
    release?: string;
    source: ReleaseSource;
    /** status --watch: follow until the release settles. */
    watch: boolean;
    /** A control with --wait: follow the release afterwards, like status --watch. */
    wait: boolean;
    /** promote --full. */
    full: boolean;
    json: boolean;
    timeoutSeconds: number;
}

/** `report`: a preview's JSON in, Markdown out; no stack or cluster is read. */
export interface ReportInvocation {
    command: "report";
    /** The preview's JSON; stdin when unset. */
    file?: string;
    /** Names for the hidden marker when the preview cannot say (it failed before naming any resource). */
    project?: string;
    stack?: string;
    maxChars: number;
}

export type Parsed = { help: true } | ({ help: false } & Invocation) | ({ help: false } & ReportInvocation);

export class UsageError extends Error {}

export const DEFAULT_TIMEOUT = "10m";

export const USAGE = `Usage: canary-delivery <command> [RELEASE] [options]

Where a CanaryDelivery release stands, and the controls of \`kubectl argo rollouts\`, on the
cluster the release was deployed to.

Commands:
  status [--watch] [--json]   where the release stands (stages, weight, analysis, pods); --watch
                              follows it until it settles (Healthy, a gate, aborted) or --timeout
  promote [--full] [--wait]   pass the gate the release waits at; --full skips every remaining stage
  abort [--wait]              abort the release: traffic goes back to the stable version
  retry [--wait]              run an aborted release again from stage 1
  report [--file PATH]        the Markdown of a pull-request comment from \`pulumi preview --json\` (its
                              document or its event stream), read from PATH or stdin: the verdict per
                              release, the field diff, the live state, the plan and its timing, the policy
                              results; --project/--stack name the comment's marker when the preview
                              cannot; --max-chars caps its length (default 65536, GitHub's limit)

Which release:
  --stack NAME                the releases of a Pulumi stack (\`pulumi stack export\`), on the cluster of
                              the Kubernetes provider each was deployed with
  --cwd DIR                   run pulumi in DIR (the project directory)
  RELEASE                     component or Rollout name: picks one release of the stack; required
                              without --stack (then it is the Rollout's name)
  --kubeconfig PATH           without --stack: the kubeconfig (defaults to KUBECONFIG or ~/.kube/config)
  --context NAME              without --stack: the kubeconfig context (defaults to the current one)
  -n, --namespace NS          without --stack: the Rollout's namespace (defaults to the context's)

Options:
  -w, --watch                 status: re-read every 2s and show the progress until the release settles
  --wait                      promote/abort/retry: follow the release afterwards, like status --watch
  --timeout DURATION          how long --watch/--wait follow, e.g. 90s, 10m (default ${DEFAULT_TIMEOUT})
  --json                      status: machine-readable output (one JSON object per line with --watch)
  -h, --help                  this help

Exit codes:
${EXIT_CODE_MEANINGS.map(([code, meaning]) => `  ${code}  ${meaning}`).join("\n")}
`;

const OPTIONS = {
    stack: { type: "string" },
    cwd: { type: "string" },
    kubeconfig: { type: "string" },
    context: { type: "string" },
    namespace: { type: "string", short: "n" },
    watch: { type: "boolean", short: "w" },
    wait: { type: "boolean" },
    full: { type: "boolean" },
    timeout: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
    file: { type: "string", short: "f" },
    project: { type: "string" },
    "max-chars": { type: "string" },
} as const;

/** Options that only some commands take. */
const ONLY_FOR: Partial<Record<keyof typeof OPTIONS, CommandName[]>> = {
    watch: ["status"],
    json: ["status"],
    full: ["promote"],
    wait: ["promote", "abort", "retry"],
    file: ["report"],
    project: ["report"],
    "max-chars": ["report"],
    cwd: ["status", "promote", "abort", "retry"],
    kubeconfig: ["status", "promote", "abort", "retry"],
    context: ["status", "promote", "abort", "retry"],
    namespace: ["status", "promote", "abort", "retry"],
    timeout: ["status", "promote", "abort", "retry"],
};

/** Parses argv (without node and the script); throws UsageError on any mistake. */
export function parseCommandLine(argv: string[]): Parsed {
    let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
    try {
        parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (err) {
        // Node's messages name the option; its hints about "--" do not apply here.
        throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
    }
    const { values: v, positionals } = parsed;
    if (v.help || positionals[0] === "help") return { help: true };
    const [command, ...rest] = positionals;
    if (!command) throw new UsageError(`a command is required: ${COMMANDS.join(", ")}`);
    if (!(COMMANDS as readonly string[]).includes(command)) {
        throw new UsageError(`unknown command "${command}": use ${COMMANDS.join(", ")}`);
    }
    const cmd = command as CommandName;
    for (const [option, commands] of Object.entries(ONLY_FOR) as [keyof typeof OPTIONS, CommandName[]][]) {
        if (v[option] !== undefined && !commands.includes(cmd)) {
            throw new UsageError(`--${option} is an option of ${commands.join(", ")}, not of ${cmd}`);
        }
    }
    if (cmd === "report") return reportInvocation(v, rest);
    if (rest.length > 1) throw new UsageError(`one release at most, got ${rest.map((r) => `"${r}"`).join(", ")}`);
    const explicit = (["kubeconfig", "context", "namespace"] as const).filter((o) => v[o] !== undefined);
    for (const o of ["stack", "cwd", ...explicit] as const) {
        if (v[o] === "") throw new UsageError(`--${o} needs a value`);
    }
    let source: ReleaseSource;
    if (v.stack !== undefined) {
        if (explicit.length) {
            throw new UsageError(`--stack finds the cluster from the stack: drop ${explicit.map((o) => `--${o}`).join(", ")}, or drop --stack and name the Rollout`);
        }
        source = { kind: "stack", stack: v.stack, ...(v.cwd !== undefined && { cwd: v.cwd }) };
    } else {
        if (v.cwd !== undefined) throw new UsageError("--cwd goes with --stack");
        if (!rest[0]) throw new UsageError("name the release: --stack NAME, or the Rollout's name (with --kubeconfig, --context, --namespace as needed)");
        source = { kind: "explicit", target: { ...(v.kubeconfig && { kubeconfig: v.kubeconfig }), ...(v.context && { context: v.context }), ...(v.namespace && { namespace: v.namespace }) } };
    }
    if (v.timeout !== undefined && !v.watch && !v.wait) throw new UsageError("--timeout goes with --watch (status) or --wait (promote, abort, retry)");
    return {
        help: false,
        command: cmd as ReleaseCommand,
        ...(rest[0] !== undefined && { release: rest[0] }),
        source,
        watch: v.watch === true,
        wait: v.wait === true,
        full: v.full === true,
        json: v.json === true,
        timeoutSeconds: timeoutSeconds(v.timeout ?? DEFAULT_TIMEOUT),
    };
}

function reportInvocation(v: { file?: string; project?: string; stack?: string; "max-chars"?: string }, rest: string[]): { help: false } & ReportInvocation {
    if (rest.length) throw new UsageError(`report reads one preview and takes no release name, got ${rest.map((r) => `"${r}"`).join(", ")}`);
    for (const o of ["file", "project", "stack"] as const) {
        if (v[o] === "") throw new UsageError(`--${o} needs a value`);
    }
    const maxText = v["max-chars"];
    const maxChars = maxText === undefined ? 65536 : Number(maxText);
    if (!Number.isInteger(maxChars) || maxChars < 1000) throw new UsageError(`--max-chars: "${maxText}" is not a whole number of at least 1000`);
    return {
        help: false,
        command: "report",
        ...(v.file !== undefined && { file: v.file }),
        ...(v.project !== undefined && { project: v.project }),
        ...(v.stack !== undefined && { stack: v.stack }),
        maxChars,
    };
}

function timeoutSeconds(text: string): number {
    const seconds = /^\d+$/.test(text) ? pauseSeconds(text) : goDurationSeconds(text);
    if (seconds === undefined || seconds <= 0) throw new UsageError(`--timeout: "${text}" is not a duration like 90s, 10m or 1h`);
    return seconds;
}
