// Starts policy/src/index.ts the way the Pulumi CLI's Node.js analyzer host does (a process in the
// pack's directory that prints the port of its gRPC Analyzer service), and talks to it with the
// Analyzer protocol from @pulumi/pulumi/proto. No CLI, no engine: the pack's own server only.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import type * as grpcTypes from "@grpc/grpc-js";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type { Empty as EmptyType } from "google-protobuf/google/protobuf/empty_pb";
import type { Struct as StructType } from "google-protobuf/google/protobuf/struct_pb";

// gRPC and protobuf exactly as @pulumi/pulumi's generated stubs load them (its own dependencies):
// messages must come from the same module instances the stubs check against.
const fromPulumi = (id: string) => require(require.resolve(id, { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] }));
const grpc: typeof grpcTypes = fromPulumi("@grpc/grpc-js");
const { Empty }: { Empty: typeof EmptyType } = fromPulumi("google-protobuf/google/protobuf/empty_pb");
const { Struct }: { Struct: typeof StructType } = fromPulumi("google-protobuf/google/protobuf/struct_pb");

const POLICY_DIR = path.resolve(__dirname, "../../../policy");
const LEVELS: Record<string, analyzerPb.EnforcementLevel> = {
    advisory: analyzerPb.EnforcementLevel.ADVISORY,
    mandatory: analyzerPb.EnforcementLevel.MANDATORY,
    disabled: analyzerPb.EnforcementLevel.DISABLED,
    remediate: analyzerPb.EnforcementLevel.REMEDIATE,
};
export const LEVEL_NAMES = Object.fromEntries(Object.entries(LEVELS).map(([k, v]) => [v, k])) as Record<number, string>;

export interface ServedPack {
    client: analyzerGrpc.AnalyzerClient;
    stop(): void;
}

/**
 * Spawns the pack and resolves once it has printed its port. `stackConfig` is passed the way the
 * Node.js runtime reads a stack's configuration (the PULUMI_CONFIG environment variable).
 */
export function servePack(timeoutMs: number, stackConfig: Record<string, string> = {}): Promise<ServedPack> {
    const child: ChildProcess = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "src/index.ts"], {
        cwd: POLICY_DIR,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, PULUMI_CONFIG: JSON.stringify(stackConfig) },
    });
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        const timer = setTimeout(() => {
            child.kill();
            reject(new Error(`policy pack printed no port within ${timeoutMs} ms; stderr: ${err}`));
        }, timeoutMs);
        child.stderr!.on("data", d => (err += String(d)));
        child.stdout!.on("data", d => {
            out += String(d);
            const port = /^(\d+)\s*$/m.exec(out)?.[1];
            if (!port) return;
            clearTimeout(timer);
            const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
            resolve({
                client,
                stop: () => {
                    client.close();
                    child.kill();
                },
            });
        });
        child.on("exit", code => {
            clearTimeout(timer);
            reject(new Error(`policy pack exited with ${code}; stderr: ${err}`));
        });
    });
}

function call<Req, Res>(fn: (req: Req, cb: (e: grpcTypes.ServiceError | null, res: Res) => void) => unknown, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => fn(req, (e, res) => (e ? reject(e) : resolve(res))));
}

export function analyzerInfo(pack: ServedPack): Promise<analyzerPb.AnalyzerInfo> {
    return call(pack.client.getAnalyzerInfo.bind(pack.client), new Empty());
}

export function configure(pack: ServedPack, config: Record<string, { enforcementLevel: string; [key: string]: unknown }>): Promise<EmptyType> {
    const req = new analyzerPb.ConfigureAnalyzerRequest();
    for (const [policy, { enforcementLevel, ...values }] of Object.entries(config)) {
        const c = new analyzerPb.PolicyConfig();
        c.setEnforcementlevel(LEVELS[enforcementLevel]);
        c.setProperties(Struct.fromJavaScript(values as Record<string, never>));
        req.getPolicyconfigMap().set(policy, c);
    }
    return call(pack.client.configure.bind(pack.client), req);
}

function options(): analyzerPb.AnalyzerResourceOptions {
    const opts = new analyzerPb.AnalyzerResourceOptions();
    opts.setCustomtimeouts(new analyzerPb.AnalyzerResourceOptions.CustomTimeouts());
    return opts;
}

function urn(type: string, name: string): string {
    return `urn:pulumi:dev::shop::${type}::${name}`;
}

function request(type: string, name: string, props: Record<string, unknown>): analyzerPb.AnalyzeRequest {
    const req = new analyzerPb.AnalyzeRequest();
    req.setType(type);
    req.setName(name);
    req.setUrn(urn(type, name));
    req.setProperties(Struct.fromJavaScript(props as Record<string, never>));
    req.setOptions(options());
    return req;
}

export interface Diagnostic {
    policy: string;
    level: string;
    message: string;
    urn: string;
}

function diagnostics(res: analyzerPb.AnalyzeResponse): Diagnostic[] {
    return res.getDiagnosticsList().map(d => ({
        policy: d.getPolicyname(),
        level: LEVEL_NAMES[d.getEnforcementlevel()],
        message: d.getMessage(),
        urn: d.getUrn(),
    }));
}

export async function analyze(pack: ServedPack, type: string, name: string, props: Record<string, unknown>): Promise<Diagnostic[]> {
    return diagnostics(await call(pack.client.analyze.bind(pack.client), request(type, name, props)));
}

export async function remediate(pack: ServedPack, type: string, name: string, props: Record<string, unknown>) {
    const res: analyzerPb.RemediateResponse = await call(pack.client.remediate.bind(pack.client), request(type, name, props));
    return res.getRemediationsList().map(r => ({ policy: r.getPolicyname(), properties: r.getProperties()?.toJavaScript() }));
}

export async function analyzeStack(pack: ServedPack, resources: { type: string; name: string; props: Record<string, unknown> }[]): Promise<Diagnostic[]> {
    const req = new analyzerPb.AnalyzeStackRequest();
    req.setResourcesList(
        resources.map(r => {
            const res = new analyzerPb.AnalyzerResource();
            res.setType(r.type);
            res.setName(r.name);
            res.setUrn(urn(r.type, r.name));
            res.setProperties(Struct.fromJavaScript(r.props as Record<string, never>));
            res.setOptions(options());
            return res;
        }),
    );
    return diagnostics(await call(pack.client.analyzeStack.bind(pack.client), req));
}
