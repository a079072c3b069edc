// One place that knows how to run the real Pulumi CLI here: our built binaries on PATH,
// a Pulumi home and a file backend under .local/, passphrase secrets, and nothing that
// reaches for the network or Pulumi Cloud. The demo and the integration tests use it.
import { LocalWorkspace, PulumiCommand, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import * as fs from "fs";
import * as path from "path";
import { localDir, toolsBin } from "../paths";

export interface StackOptions {
    /** Directory with the Pulumi.yaml to run, for a program on disk. */
    workDir?: string;
    /** An inline program run in this process, instead of a program on disk. */
    program?: PulumiFn;
    /** Project name of an inline program. Defaults to "canary-delivery-inline". */
    projectName?: string;
    stackName: string;
    /** File backend directory. Defaults to .local/state. */
    stateDir?: string;
    /** Kubeconfig of the cluster the stack deploys to. */
    kubeconfig: string;
    /** Extra stack config, e.g. {"image": "nginx:1.28"}. */
    config?: Record<string, string>;
}

export function pulumiEnv(stateDir: string): Record<string, string> {
    fs.mkdirSync(stateDir, { recursive: true });
    return {
        PATH: `${toolsBin}${path.delimiter}${process.env.PATH ?? ""}`,
        PULUMI_HOME: path.join(localDir, "pulumi-home"),
        PULUMI_BACKEND_URL: `file://${stateDir}`,
        // Local state only: the passphrase guards nothing outside this machine.
        PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "canary-delivery-local",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    };
}

export async function pulumiCommand(): Promise<PulumiCommand> {
    // PulumiCommand.get expects <root>/bin/pulumi: .local/bin/pulumi is the bootstrap's link.
    return PulumiCommand.get({ root: localDir, skipVersionCheck: true });
}

/** Workspace options for the real CLI on a file backend in `stateDir`. */
export async function workspaceOptions(stateDir: string): Promise<{ pulumiCommand: PulumiCommand; envVars: Record<string, string>; pulumiHome: string }> {
    const envVars = pulumiEnv(stateDir);
    return { pulumiCommand: await pulumiCommand(), envVars, pulumiHome: envVars.PULUMI_HOME };
}

export async function openStack(opts: StackOptions): Promise<Stack> {
    const wsOpts = await workspaceOptions(opts.stateDir ?? path.join(localDir, "state"));
    const stack = opts.program
        ? await LocalWorkspace.createOrSelectStack({
            stackName: opts.stackName, projectName: opts.projectName ?? "canary-delivery-inline", program: opts.program,
        }, wsOpts)
        : await LocalWorkspace.createOrSelectStack({ workDir: opts.workDir!, stackName: opts.stackName }, wsOpts);
    await stack.setAllConfig({
        "kubernetes:kubeconfig": { value: opts.kubeconfig },
        // A restarted local cluster listens on a new port; a fixed identity keeps the
        // provider from treating that as a different cluster (and replacing everything).
        "kubernetes:clusterIdentifier": { value: "canary-delivery-local" },
        ...Object.fromEntries(Object.entries(opts.config ?? {}).map(([k, v]) => [k, { value: v }])),
    });
    return stack;
}
