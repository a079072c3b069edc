// Step 2 of the pipeline: turn checked arguments into a Resolved release with every default
// applied and every name chosen. Pure: no Pulumi runtime, so defaults are unit-tested directly.
import type { CanaryDeliveryArgs } from "../args";
import { resolveAnalysis } from "./analysis";
import { resolveDelivery } from "./delivery";
import type { Resolved, ResolvedServices } from "./model";
import { routingOf } from "../routers";
import { plannedServices } from "../routers/services";
import { resolveStages } from "./steps";
import { planTiming } from "./timing";
import { firstContainerPort, resolveWorkload } from "./workload";

export const DEFAULT_SERVICE_PORT = 80;
export const DEFAULT_PORT_NAME = "http";
export const DEFAULT_CPU_TARGET = 80;

export function resolve(args: CanaryDeliveryArgs, release: string): Resolved {
    const hpa = args.autoscaling;
    const replicas = args.replicas ?? hpa?.minReplicas ?? 1;
    const workload = resolveWorkload(args, release, replicas);
    const routing = routingOf(args);
    const services = resolveServices(args, release, firstContainerPort(workload));
    const steps = resolveStages(args);
    const analysis = resolveAnalysis(args, release, routing);
    const timing = planTiming(steps, analysis);
    return {
        release,
        namespace: args.namespace,
        labels: args.labels,
        annotations: args.annotations,
        workload,
        replicas,
        autoscaling: hpa && {
            name: release,
            minReplicas: hpa.minReplicas ?? args.replicas ?? 1,
            maxReplicas: hpa.maxReplicas,
            targetCpuUtilization: hpa.targetCpuUtilization ?? (hpa.targetMemoryUtilization === undefined ? DEFAULT_CPU_TARGET : undefined),
            targetMemoryUtilization: hpa.targetMemoryUtilization,
        },
        steps,
        services,
        traffic: routing.routing.resolve(routing.block, release, services),
        analysis,
        strategy: args.strategy ?? {},
        timing,
        delivery: resolveDelivery(args, timing),
    };
}

function resolveServices(args: CanaryDeliveryArgs, release: string, containerPort: number | undefined): ResolvedServices {
    const svc = args.service ?? {};
    const planned = plannedServices(args, release);
    const port = svc.port ?? DEFAULT_SERVICE_PORT;
    return {
        port,
        targetPort: svc.targetPort ?? containerPort ?? port,
        portName: svc.portName ?? DEFAULT_PORT_NAME,
        appProtocol: svc.appProtocol,
        stable: planned.stable?.name,
        ...(planned.stable?.existing && { stableExisting: true }),
        canary: planned.canary?.name,
        single: planned.single?.name,
    };
}
