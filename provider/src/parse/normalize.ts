// Forms the parser accepts for convenience, turned into the one form the rest of the pipeline reads.
import type { CanaryDeliveryArgs } from "../args";

/** `pause: 0` or `pause: 30` (numbers, as YAML users write them) become "0" and "30". */
export function normalize(args: CanaryDeliveryArgs): CanaryDeliveryArgs {
    if (!Array.isArray(args.steps) || !args.steps.some((s) => typeof s?.pause === "number")) return args;
    return {
        ...args,
        steps: args.steps.map((s) => (typeof s?.pause === "number" ? { ...s, pause: String(s.pause) } : s)),
    };
}
