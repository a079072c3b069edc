// How `pulumi up` follows the release, after defaults: the timeout (see timing.ts), and the
// control with its stage resolved.
import type { CanaryDeliveryArgs } from "../args";
import { goDurationSeconds } from "../core/duration";
import { manualGates } from "../core/pause";
import { stagesOf } from "../core/progression";
import type { PlanTiming, ResolvedDelivery } from "./model";
import { defaultTimeoutSeconds } from "./timing";

export function resolveDelivery(args: CanaryDeliveryArgs, timing: PlanTiming): ResolvedDelivery {
    const d = args.delivery ?? {};
    const c = d.control;
    return {
        wait: d.wait ?? true,
        onManualGate: d.onManualGate ?? "succeed",
        timeoutSeconds: d.timeout !== undefined ? goDurationSeconds(d.timeout)! : defaultTimeoutSeconds(timing, args.strategy?.progressDeadlineSeconds),
        control: c && {
            action: c.action,
            image: c.image,
            ...(c.action === "promote" && { stage: c.stage !== undefined ? c.stage - 1 : manualGates(stagesOf(args))[0] }),
        },
    };
}
