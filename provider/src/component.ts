// The CanaryDelivery component: parse -> resolve -> build -> register -> outputs.
import * as pulumi from "@pulumi/pulumi";
import type { CanaryDeliveryArgs } from "./args";
import { buildRelease, ReleaseManifests } from "./build";
import { parseArgs, thisProcessErrorReader } from "./parse";
import { recordedArguments, recordedInputs } from "./recorded-inputs";
import { pulumiEnv, registerChildren } from "./register";
import { resolve } from "./resolve";
import type { Resolved } from "./resolve/model";
import { checkLiveRelease, readLiveRelease } from "./live";
import type { Connect } from "./live";
import { routingFor } from "./routers";
import type { RolloutStatus } from "./core/status";
import { CoreRole, ROLE } from "./core/roles";
import { guardPluginRequests, takeDroppedKeys } from "./plugin/guard";

const CANARY_DELIVERY_TYPE = "canary-delivery:index:CanaryDelivery";

// Loaded by the plugin runner before it serves: see plugin/guard.ts.
guardPluginRequests();

/** An object of the release: created by the component, by the Argo controller, or given by the user. */
export interface ReleaseObject {
    /** Kubernetes kind. */
    kind: string;
    /** Object name. */
    name: string;
    /** "component" (created and owned by this component), "controller" (created by Argo Rollouts) or "user" (an existing object it drives). */
    managedBy: string;
}

/**
 * A canary release run by Argo Rollouts: the Rollout, its Services, Istio or Nginx traffic routing,
 * Prometheus analysis that rolls a bad version back, and an optional autoscaler.
 */
export class CanaryDelivery extends pulumi.ComponentResource {
    /** Name of the Rollout. */
    public readonly rolloutName: pulumi.Output<string>;
    /** Namespace of the release. */
    public readonly namespace: pulumi.Output<string>;
    /** Name of the stable Service (created, or the existing one given as `nginx.stableService`), when the release has one. */
    public readonly stableServiceName: pulumi.Output<string | undefined>;
    /** Name of the canary Service, when the release has one. */
    public readonly canaryServiceName: pulumi.Output<string | undefined>;
    /** Name of the single Service (Istio subset split, replica-count canary), when the release has one. */
    public readonly serviceName: pulumi.Output<string | undefined>;
    /** Name of the VirtualService the Rollout drives (created or existing). */
    public readonly virtualServiceName: pulumi.Output<string | undefined>;
    /** Names of the DestinationRules the component created. */
    public readonly destinationRuleNames: pulumi.Output<string[]>;
    /** Name of the stable Ingress (created or existing). */
    public readonly ingressName: pulumi.Output<string | undefined>;
    /** Name of the canary Ingress the Argo controller creates from the stable one. */
    public readonly canaryIngressName: pulumi.Output<string | undefined>;
    /** Names of the AnalysisTemplates. */
    public readonly analysisTemplateNames: pulumi.Output<string[]>;
    /** Name of the Secret holding Prometheus header values, when there is one. */
    public readonly analysisSecretName: pulumi.Output<string | undefined>;
    /** Name of the HorizontalPodAutoscaler, when there is one. */
    public readonly autoscalerName: pulumi.Output<string | undefined>;
    /** Every object of the release and who manages it. */
    public readonly objects: pulumi.Output<ReleaseObject[]>;
    /**
     * The plan of the release in one line, ending with the time to full promotion (timed waits and stage
     * analyses summed) and the manual gates, e.g. "10% for 5m, 30% until promoted, 100%; full promotion
     * after at least 5m, plus 1 manual promotion at stage 2".
     */
    public readonly plan: pulumi.Output<string>;
    /**
     * The plan, one entry per stage, then the final promotion with the same timing, e.g.
     * "100% (full promotion after at least 5m, plus 1 manual promotion at stage 2)".
     */
    public readonly planStages: pulumi.Output<string[]>;
    /** Where the release stands: after `pulumi up` followed it, where it ended; in a preview, where it stands now. */
    public readonly status: pulumi.Output<RolloutStatus>;
    /** The same in words, e.g. "paused at stage 2 of 4 (30%): waiting for promotion", or "not deployed yet". */
    public readonly liveSummary: pulumi.Output<string>;
    /**
     * What this update does to the live release, e.g. "this pod template change restarts the canary from stage 1".
     * A preview's verdict, shown in the preview and its report; the state does not keep it after `pulumi up`.
     */
    public readonly changeImpact: pulumi.Output<string>;
    /** Labels of the release namespace in the cluster (for the policy pack's Istio injection check), when it exists. */
    public readonly namespaceLabels: pulumi.Output<Record<string, string> | undefined>;

    /**
     * @param internal Not part of the package's API (the schema, the SDKs and the provider host never
     * pass it): tests give the live read an in-memory cluster with `connect`.
     */
    constructor(name: string, args: CanaryDeliveryArgs, opts?: pulumi.ComponentResourceOptions, internal?: { connect?: Connect }) {
        // Parsed before super(): invalid arguments must not register anything, not even the component.
        // The error's form depends on who prints it: a program's runtime, or the engine through the plugin.
        const parsed = parseArgs(name, args, thisProcessErrorReader(), takeDroppedKeys(CANARY_DELIVERY_TYPE, name));
        // The inputs are what the policy pack reads; the arguments are an output (see recorded-inputs.ts).
        super(CANARY_DELIVERY_TYPE, name, recordedInputs(args), opts);
        for (const warning of parsed.warnings) pulumi.log.warn(warning, this);

        const release = resolve(parsed.args, parsed.release);
        const manifests = buildRelease(release, pulumiEnv);
        const rolloutManifest = manifests.children.find((c) => c.role === ROLE.rollout)!.manifest;
        // Read before registering: the read must see the release as it was before this update.
        const live = readLiveRelease(this, release, rolloutManifest, manifests.layout, internal?.connect);
        // Checked before registering too: what the cluster shows would break the release fails it with nothing applied.
        const checked = checkLiveRelease(this, release, internal?.connect);
        const children = registerChildren(this, name, manifests.children, live.beforeRollout, checked);
        const nameOf = (role: CoreRole) => {
            const child = manifests.children.find((c) => c.role === role);
            return child ? pulumi.output(child.manifest.metadata.name) : pulumi.output(undefined);
        };
        const rollout = children.get(ROLE.rollout)!;
        const routerOutputs = routingFor(release).outputs(release.traffic);

        this.rolloutName = metadataOf(rollout).apply((m) => m?.name ?? release.release);
        // The provider fills in its default namespace when none was given.
        this.namespace = pulumi.all([metadataOf(rollout), release.namespace]).apply(([m, ns]) => m?.namespace ?? ns ?? "default");
        // Created, or the user's existing one that the router drives.
        this.stableServiceName = pulumi.output(release.services.stable);
        this.canaryServiceName = nameOf(ROLE.canaryService);
        this.serviceName = nameOf(ROLE.service);
        this.virtualServiceName = pulumi.output(routerOutputs.virtualServiceName);
        this.destinationRuleNames = pulumi.output(roleNames(manifests, "DestinationRule"));
        this.ingressName = pulumi.output(routerOutputs.ingressName);
        this.canaryIngressName = pulumi.output(routerOutputs.canaryIngressName);
        this.analysisTemplateNames = pulumi.output(roleNames(manifests, "AnalysisTemplate"));
        this.analysisSecretName = nameOf(ROLE.analysisSecret);
        this.autoscalerName = nameOf(ROLE.autoscaler);
        this.objects = pulumi.output(releaseObjects(release, manifests));
        this.plan = pulumi.output(manifests.plan.summary);
        this.planStages = pulumi.output(manifests.plan.stages);
        const final = live.final(rollout);
        this.namespaceLabels = live.namespaceLabels;
        this.status = final.apply((f) => f.status);
        this.liveSummary = final.apply((f) => f.standing);
        this.changeImpact = live.impact.apply((i) => i.effect);

        this.registerOutputs({
            rolloutName: this.rolloutName,
            namespace: this.namespace,
            stableServiceName: this.stableServiceName,
            canaryServiceName: this.canaryServiceName,
            serviceName: this.serviceName,
            virtualServiceName: this.virtualServiceName,
            destinationRuleNames: this.destinationRuleNames,
            ingressName: this.ingressName,
            canaryIngressName: this.canaryIngressName,
            analysisTemplateNames: this.analysisTemplateNames,
            analysisSecretName: this.analysisSecretName,
            autoscalerName: this.autoscalerName,
            objects: this.objects,
            plan: this.plan,
            planStages: this.planStages,
            status: this.status,
            liveSummary: this.liveSummary,
            // What this update does to the release: the preview's verdict (the PR report reads it from the
            // preview's outputs). Kept out of the state: after the update it is stale, and it differs from
            // one update to the next, so recording it would rewrite the whole checkpoint once more per
            // release on every `pulumi up`, even a no-op one. The property itself stays.
            ...(pulumi.runtime.isDryRun() && { changeImpact: this.changeImpact }),
            namespaceLabels: this.namespaceLabels,
            // Not a property of the class (nor of the schema): the release report's old and new arguments,
            // without the image, which the Rollout's state holds (recorded-inputs.ts).
            arguments: recordedArguments(args),
        });
    }
}

function metadataOf(resource: pulumi.CustomResource): pulumi.Output<{ name?: string; namespace?: string } | undefined> {
    return (resource as unknown as { metadata: pulumi.Output<{ name?: string; namespace?: string } | undefined> }).metadata;
}

function roleNames(m: ReleaseManifests, kind: string): string[] {
    return m.children.filter((c) => c.kind === kind).map((c) => c.manifest.metadata.name as string);
}

function releaseObjects(r: Resolved, m: ReleaseManifests): pulumi.Input<ReleaseObject[]> {
    const created = m.children
        .filter((c) => c.kind !== "DeploymentPatch")
        .map((c) => ({ kind: c.manifest.kind, name: c.manifest.metadata.name, managedBy: "component" }));
    const controller = m.controllerObjects.map((o) => ({ ...o, managedBy: "controller" }));
    const given = [
        ...(r.workload.kind === "ref" ? [{ kind: "Deployment", name: r.workload.name }] : []),
        ...routingFor(r).userObjects(r.traffic),
    ].map((o) => ({ ...o, managedBy: "user" }));
    return pulumi.all([...created, ...controller, ...given].map((o) => pulumi.all([o.kind, o.name, o.managedBy])))
        .apply((rows) => rows.map(([kind, name, managedBy]) => ({ kind, name, managedBy })));
}
