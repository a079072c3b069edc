// Defaults of the workload: the adopted Deployment, or the inline template and its container.
import type { CanaryDeliveryArgs, PodTemplate, Probe } from "../args";
import type { ResolvedContainer, ResolvedWorkload } from "./model";

/** The container port used when a template declares none. */
export const DEFAULT_CONTAINER_PORT = 8080;

export function resolveWorkload(args: CanaryDeliveryArgs, release: string, replicas: number): ResolvedWorkload {
    const ref = args.workloadRef;
    if (ref) {
        return {
            kind: "ref",
            name: ref.name,
            matchLabels: ref.matchLabels,
            scaleDown: ref.scaleDown ?? "never",
            handBack: ref.handBack === true,
            handBackReplicas: ref.handBackReplicas ?? replicas,
        };
    }
    const t = args.template!;
    const selector = { app: release };
    return {
        kind: "template",
        selector,
        podLabels: { ...t.labels, ...selector },
        podAnnotations: t.annotations,
        container: resolveContainer(t, release),
        serviceAccountName: t.serviceAccountName,
        imagePullSecrets: t.imagePullSecrets,
    };
}

function resolveContainer(t: PodTemplate, release: string): ResolvedContainer {
    const ports = (t.ports ?? [{ containerPort: DEFAULT_CONTAINER_PORT }]).map((p, i) => ({
        name: p.name ?? (i === 0 && !(t.ports ?? []).some((q) => q.name === "http") ? "http" : undefined),
        containerPort: p.containerPort,
        protocol: p.protocol ?? "TCP",
    }));
    const primary = ports[0].containerPort;
    return {
        name: t.containerName ?? release,
        image: t.image,
        ports,
        env: t.env,
        resources: t.resources as ResolvedContainer["resources"],
        readinessProbe: probe(t.readinessProbe, primary),
        livenessProbe: probe(t.livenessProbe, primary),
        startupProbe: probe(t.startupProbe, primary),
        command: t.command,
        args: t.args,
        imagePullPolicy: t.imagePullPolicy,
    };
}

/** A Kubernetes probe with its port defaulted to the container's first port. */
function probe(p: Probe | undefined, primaryPort: number): object | undefined {
    if (!p) return undefined;
    const { httpGet, tcpSocket, exec, ...timing } = p;
    return {
        ...(httpGet && { httpGet: { path: httpGet.path, port: httpGet.port ?? primaryPort, ...(httpGet.scheme && { scheme: httpGet.scheme }) } }),
        ...(tcpSocket && { tcpSocket: { port: tcpSocket.port ?? primaryPort } }),
        ...(exec && { exec: { command: exec.command } }),
        ...timing,
    };
}

export function firstContainerPort(w: ResolvedWorkload): number | undefined {
    return w.kind === "template" ? w.container.ports[0].containerPort : undefined;
}
