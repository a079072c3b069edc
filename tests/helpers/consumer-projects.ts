// Projects that consume the component the way Pulumi users do (examples/, `pulumi package add`),
// run by the real CLI in temp directories against the staged provider plugin, never in the checkout.
import * as crypto from "crypto";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { Cluster } from "../../scripts/cluster/cluster";
import { pinnedVersion } from "../../scripts/gen-sdk";
import { cacheDir } from "../../scripts/paths";
import { run } from "../../scripts/provider-plugin";
import { getObject } from "./local-cluster";

/** kubectl resource names of the kinds the component creates. */
export const KUBECTL_KINDS: Record<string, string> = {
    Rollout: "rollouts.argoproj.io",
    AnalysisTemplate: "analysistemplates.argoproj.io",
    VirtualService: "virtualservices.networking.istio.io",
    DestinationRule: "destinationrules.networking.istio.io",
    Service: "service",
    Ingress: "ingresses.networking.k8s.io",
    HorizontalPodAutoscaler: "horizontalpodautoscalers.autoscaling",
    Secret: "secret",
};

export interface ReleaseObject { kind: string; name: string; namespace?: string; managedBy: string }

/** What a local install leaves behind, never copied from the checkout. */
const INSTALLED = new Set(["node_modules", "sdks", "venv", "__pycache__", "package-lock.json"]);

/**
 * Copies a project directory (without installed or generated files and stack configs) and points
 * its `packages:` entry for canary-delivery at the staged provider plugin.
 */
export function copyProject(from: string, to: string, pluginDir: string): void {
    fs.cpSync(from, to, {
        recursive: true,
        filter: (src) => !INSTALLED.has(path.basename(src)) && !/^Pulumi\..+\.yaml$/.test(path.basename(src)),
    });
    pointPackagesAt(to, pluginDir);
}

export function pointPackagesAt(projectDir: string, pluginDir: string): void {
    const file = path.join(projectDir, "Pulumi.yaml");
    const project = yaml.load(fs.readFileSync(file, "utf8")) as any;
    if (!project.packages?.["canary-delivery"]) throw new Error(`${file} has no packages: canary-delivery entry`);
    project.packages["canary-delivery"] = pluginDir;
    fs.writeFileSync(file, yaml.dump(project, { lineWidth: -1 }));
}

/**
 * Seeds `<projectDir>/venv` with a copy of a cached virtualenv that already has the project's
 * registry requirements (local paths such as sdks/... are left to `pulumi install`), so the CLI's
 * install only adds what changed. Cached by python version and those requirement lines.
 */
export function seedPythonVenv(projectDir: string, requirements: string[]): void {
    const pythonVersion = run("python3", ["--version"], { cwd: projectDir }).trim();
    const key = crypto.createHash("sha256").update(`${pythonVersion}\n${requirements.join("\n")}`).digest("hex").slice(0, 12);
    const cached = path.join(cacheDir, `example-python-venv-${key}`);
    if (!fs.existsSync(path.join(cached, ".installed"))) {
        fs.mkdirSync(cacheDir, { recursive: true });
        const tmp = fs.mkdtempSync(`${cached}.tmp-`);
        try {
            run("python3", ["-m", "venv", tmp], { cwd: projectDir });
            run(path.join(tmp, "bin", "python"), ["-m", "pip", "install", "--quiet", "--upgrade", "pip", "setuptools", "wheel", ...requirements],
                { cwd: projectDir, timeout: 900_000 });
            fs.writeFileSync(path.join(tmp, ".installed"), "");
            try {
                fs.renameSync(tmp, cached);
            } catch (e) {
                if (!fs.existsSync(path.join(cached, ".installed"))) throw e;
            }
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    }
    // A venv finds itself through pyvenv.cfg next to bin/, so a copy works (the CLI runs `python -m pip`).
    run("cp", ["-a", cached, path.join(projectDir, "venv")], { cwd: projectDir });
}

/** The registry requirements of a requirements.txt (no local paths). */
export function registryRequirements(requirementsFile: string): string[] {
    return fs.readFileSync(requirementsFile, "utf8").split("\n").map((l) => l.trim())
        .filter((l) => l && !l.startsWith("#") && !l.startsWith(".") && !l.startsWith("/") && !l.startsWith("sdks/"));
}

/** The objects the component created (not the ones it only references), each checked on the API server. */
export function assertObjectsExist(c: Cluster, objects: ReleaseObject[]): string[] {
    const created = objects.filter((o) => o.managedBy === "component");
    const missing = created.filter((o) => !getObject(c, kubectlKind(o.kind), o.name, o.namespace ?? "default"));
    if (missing.length) throw new Error(`not on the API server: ${missing.map((o) => `${o.kind} ${o.name}`).join(", ")}`);
    return [...new Set(created.map((o) => o.kind))].sort();
}

export function assertObjectsGone(c: Cluster, objects: ReleaseObject[]): void {
    const left = objects.filter((o) => o.managedBy === "component" && getObject(c, kubectlKind(o.kind), o.name, o.namespace ?? "default"));
    if (left.length) throw new Error(`still on the API server after destroy: ${left.map((o) => `${o.kind} ${o.name}`).join(", ")}`);
}

function kubectlKind(kind: string): string {
    const k = KUBECTL_KINDS[kind];
    if (!k) throw new Error(`no kubectl name for kind ${kind}: add it to KUBECTL_KINDS`);
    return k;
}

export const PULUMI_PYTHON_REQUIREMENT = () => `pulumi==${pinnedVersion("PULUMI_VERSION")}`;
