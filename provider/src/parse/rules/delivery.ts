// Rules about following the release and its control: a promote names a stage that waits.
import { manualGates } from "../../core/pause";
import { stagesOf } from "../../core/progression";
import { isObj, Problem, RuleContext } from "./problem";

export function deliveryRules({ args }: RuleContext): Problem[] {
    const control = isObj(args.delivery) ? args.delivery.control : undefined;
    if (!isObj(control)) return [];
    const steps = stagesOf(args);
    const path = "delivery.control.stage";
    if (control.stage !== undefined && control.action !== "promote") {
        return [{ path, reason: `is only for action "promote" (${control.action} applies to the whole release)` }];
    }
    if (control.action !== "promote") return [];
    const gates = manualGates(steps);
    if (control.stage === undefined) {
        if (gates.length === 1) return [];
        return [{
            path,
            reason: gates.length === 0
                ? "is required: no stage of steps waits for a promotion (none has a manual gate)"
                : `is required: ${gates.length} stages wait for a promotion (stages ${gates.map((g) => g + 1).join(", ")}); name the one to pass`,
        }];
    }
    if (typeof control.stage !== "number") return [];
    if (control.stage > steps.length) return [{ path, reason: `must be a stage of steps (1 to ${steps.length}), got ${control.stage}` }];
    const step = steps[control.stage - 1];
    // A stage with analysis may pause on an inconclusive result: promoting past it is a decision too.
    if (!gates.includes(control.stage - 1) && !(isObj(step) && step.analysis === true)) {
        return [{ path, reason: `stage ${control.stage} never waits for a promotion: it has no manual gate and no analysis` }];
    }
    return [];
}
