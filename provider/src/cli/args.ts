// The command line: `canary-delivery <command> [release] [options]`, parsed with Node's own
// util.parseArgs and checked whole, so a mistake is reported before anything is read.
import { parseArgs } from "util";
import { goDurationSeconds, pauseSeconds } from "../duration";
import type { ClusterTarget } from "../live/cluster";
import { EXIT_CODE_MEANINGS } from "./exit-codes";

export const COMMANDS = ["status", "promote", "abort", "retry"] as const;
export type CommandName = (typeof COMMANDS)[number];

/** Where the releases come from: a stack's state, or a Rollout named on the command line. */
export type ReleaseSource =
    | { kind: "stack"; stack: string; cwd?: string }
    | { kind: "explicit"; target: ClusterTarget };

export interface Invocation {
    command: CommandName;
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

export type Parsed = { help: true } | ({ help: false } & Invocation);

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
} as const;

/** Options that only some commands take. */
const ONLY_FOR: Partial<Record<keyof typeof OPTIONS, CommandName[]>> = {
    watch: ["status"],
    json: ["status"],
    full: ["promote"],
    wait: ["promote", "abort", "retry"],
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
    if (rest.length > 1) throw new UsageError(`one release at most, got ${rest.map((r) => `"${r}"`).join(", ")}`);
    for (const [option, commands] of Object.entries(ONLY_FOR) as [keyof typeof OPTIONS, CommandName[]][]) {
        if (v[option] !== undefined && !commands.includes(cmd)) {
            throw new UsageError(`--${option} is an option of ${commands.join(", ")}, not of ${cmd}`);
        }
    }
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
        command: cmd,
        ...(rest[0] !== undefined && { release: rest[0] }),
        source,
        watch: v.watch === true,
        wait: v.wait === true,
        full: v.full === true,
        json: v.json === true,
        timeoutSeconds: timeoutSeconds(v.timeout ?? DEFAULT_TIMEOUT),
    };
}

function timeoutSeconds(text: string): number {
    const seconds = /^\d+$/.test(text) ? pauseSeconds(text) : goDurationSeconds(text);
    if (seconds === undefined || seconds <= 0) throw new UsageError(`--timeout: "${text}" is not a duration like 90s, 10m or 1h`);
    return seconds;
}
