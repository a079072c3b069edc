// Which cluster the live release is read from: the configuration of the Kubernetes provider the
// children use, as the engine reports that provider's state; never a guess when it is not known.
import * as assert from "assert";
import { targetFromProviderState } from "../../provider/src/live/cluster";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

describe("the cluster of the component's Kubernetes provider", () => {
    it("takes kubeconfig, context, cluster and namespace from the provider's state", () => {
        const state = { kubeconfig: "/tmp/kc", context: "prod", cluster: "eks-1", namespace: "shop", enableServerSideApply: "true", version: "4.25.0" };
        assert.deepStrictEqual(targetFromProviderState(state, "Kubernetes provider \"second\""), {
            known: true, via: "Kubernetes provider \"second\"", target: { kubeconfig: "/tmp/kc", context: "prod", cluster: "eks-1", namespace: "shop" },
        });
    });

    it("an empty kubeconfig means the ambient one, as for the provider", () => {
        assert.deepStrictEqual(targetFromProviderState({ kubeconfig: "", version: "4.25.0" }, "p"), { known: true, via: "p", target: {} });
    });

    it("reads a secret kubeconfig's value", () => {
        const state = { kubeconfig: { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "apiVersion: v1\nclusters: []\n" } };
        const choice = targetFromProviderState(state, "p");
        assert.ok(choice.known && choice.target.kubeconfig === "apiVersion: v1\nclusters: []\n", JSON.stringify(choice));
    });

    it("a configuration not known yet (a preview before the cluster exists) is unknown, with the reason", () => {
        assert.deepStrictEqual(targetFromProviderState({ kubeconfig: UNKNOWN, context: "x" }, "Kubernetes provider \"eks\""), {
            known: false, reason: "the Kubernetes provider \"eks\" gets its kubeconfig from a resource that is not created yet",
        });
    });
});
