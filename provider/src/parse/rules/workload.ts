// Rules about what runs: the adopted Deployment or the inline template, replicas, autoscaling.
import { isUnresolved } from "../zod-helpers";
import { exactlyOne, isObj, list, Problem, quote, RuleContext } from "./problem";

export function workloadRules({ args, release }: RuleContext): Problem[] {
    const problems: Problem[] = [];
    if (args.workloadRef === undefined && args.template === undefined) {
        problems.push({ path: "workloadRef", reason: "must be set, or template must be: set exactly one of workloadRef and template" });
    }
    if (args.workloadRef !== undefined && args.template !== undefined) {
        problems.push({ path: "template", reason: "must not be set together with workloadRef: set exactly one of workloadRef and template" });
    }
    if (isObj(args.workloadRef)) problems.push(...workloadRefRules(args.workloadRef as NonNullable<typeof args.workloadRef>));
    if (isObj(args.template)) problems.push(...templateRules(args.template as NonNullable<typeof args.template>, release));
    problems.push(...scaleRules(args));
    return problems;
}

function workloadRefRules(ref: NonNullable<RuleContext["args"]["workloadRef"]>): Problem[] {
    const problems: Problem[] = [];
    const labels = ref.matchLabels;
    if (isObj(labels) && !isUnresolved(labels)) {
        if (Object.keys(labels).length === 0) {
            problems.push({ path: "workloadRef.matchLabels", reason: "must not be empty: the Rollout and its Services select pods with it" });
        }
        if ("rollouts-pod-template-hash" in labels) {
            problems.push({ path: "workloadRef.matchLabels.rollouts-pod-template-hash", reason: "is set by the Argo Rollouts controller and must not be in the selector" });
        }
    }
    if (ref.handBackReplicas !== undefined && ref.handBack !== true) {
        problems.push({ path: "workloadRef.handBackReplicas", reason: "only applies when workloadRef.handBack is true" });
    }
    return problems;
}

function templateRules(t: NonNullable<RuleContext["args"]["template"]>, release: string): Problem[] {
    const problems: Problem[] = [];
    if (isObj(t.labels) && t.labels.app !== undefined && t.labels.app !== release) {
        problems.push({ path: "template.labels.app", reason: `is the selector label and is always the release name (${quote(release)})` });
    }
    const ports = list(t.ports);
    const seenNames = new Map<string, number>();
    const seenNumbers = new Map<string, number>();
    ports.forEach((p, i) => {
        if (!isObj(p)) return;
        if (p.name !== undefined) {
            if (seenNames.has(p.name)) problems.push({ path: `template.ports[${i}].name`, reason: `must be unique; ${quote(p.name)} is also ports[${seenNames.get(p.name)}]` });
            seenNames.set(p.name, i);
        }
        const key = `${p.containerPort}/${p.protocol ?? "TCP"}`;
        if (seenNumbers.has(key)) problems.push({ path: `template.ports[${i}].containerPort`, reason: `must be unique per protocol; ${key} is also ports[${seenNumbers.get(key)}]` });
        seenNumbers.set(key, i);
    });
    const envNames = new Map<string, number>();
    list(t.env).forEach((e, i) => {
        if (!isObj(e)) return;
        problems.push(...exactlyOne(e, ["value", "secretKeyRef", "configMapKeyRef"], `template.env[${i}]`));
        if (envNames.has(e.name)) problems.push({ path: `template.env[${i}].name`, reason: `must be unique; ${quote(e.name)} is also env[${envNames.get(e.name)}]` });
        envNames.set(e.name, i);
    });
    const pullSecrets = new Map<string, number>();
    list(t.imagePullSecrets).forEach((s, i) => {
        if (typeof s !== "string") return;
        if (pullSecrets.has(s)) problems.push({ path: `template.imagePullSecrets[${i}]`, reason: `must be unique; ${quote(s)} is also imagePullSecrets[${pullSecrets.get(s)}]` });
        else pullSecrets.set(s, i);
    });
    for (const key of ["readinessProbe", "livenessProbe", "startupProbe"] as const) {
        const probe = t[key];
        if (!isObj(probe)) continue;
        problems.push(...exactlyOne(probe, ["httpGet", "tcpSocket", "exec"], `template.${key}`));
        if (key !== "readinessProbe" && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
            problems.push({ path: `template.${key}.successThreshold`, reason: `must be 1 for a ${key} (Kubernetes rule)` });
        }
    }
    return problems;
}

function scaleRules(args: RuleContext["args"]): Problem[] {
    const problems: Problem[] = [];
    const hpa = args.autoscaling;
    if (!isObj(hpa)) return problems;
    const min = hpa.minReplicas ?? args.replicas ?? 1;
    if (typeof hpa.maxReplicas === "number" && hpa.maxReplicas < min) {
        problems.push({ path: "autoscaling.maxReplicas", reason: `must be at least minReplicas (${min})` });
    }
    if (args.replicas !== undefined && hpa.minReplicas !== undefined && args.replicas < hpa.minReplicas) {
        problems.push({ path: "replicas", reason: `must be at least autoscaling.minReplicas (${hpa.minReplicas})` });
    }
    if (args.replicas !== undefined && typeof hpa.maxReplicas === "number" && args.replicas > hpa.maxReplicas) {
        problems.push({ path: "replicas", reason: `must be at most autoscaling.maxReplicas (${hpa.maxReplicas})` });
    }
    if (args.replicas === 0) {
        problems.push({ path: "replicas", reason: "must be at least 1 with autoscaling (an autoscaler does not scale a target at 0 replicas)" });
    }
    return problems;
}
