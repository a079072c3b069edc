// The package entry point. @pulumi/pulumi's component host loads this module and serves every
// ComponentResource it exports, and its schema analyzer starts here: export the component and
// the types of its arguments and outputs, and nothing that runs on import.
export { CanaryDelivery } from "./component";
export type { ReleaseObject } from "./component";
export * from "./args";
export type { RolloutStatus } from "./core/status";
