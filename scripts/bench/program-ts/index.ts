// The benchmark's program as a user's TypeScript program: the same releases (../program), with
// the type imports a program that declares them pulls in. Pulumi runs it through ts-node, which
// type-checks it unless PULUMI_NODEJS_TRANSPILE_ONLY=true; the bench times both.
import type * as k8s from "@pulumi/kubernetes";
import type { CanaryDeliveryArgs } from "canary-delivery";

export type Declared = [k8s.apps.v1.Deployment, CanaryDeliveryArgs];

require("../program/index.js");
