// The router of a release, picked by which traffic block is set.
import type { Resolved } from "../../resolve/model";
import { istioRouter } from "./istio";
import { nginxRouter } from "./nginx";
import { noRouter } from "./none";
import type { TrafficRouter } from "./router";

export function routerFor(r: Resolved): TrafficRouter {
    switch (r.traffic.kind) {
        case "istio":
            return istioRouter;
        case "nginx":
            return nginxRouter;
        case "none":
            return noRouter;
    }
}
