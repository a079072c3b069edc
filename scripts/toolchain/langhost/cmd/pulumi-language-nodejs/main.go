// Command pulumi-language-nodejs is a small Node.js language host for the
// Pulumi CLI, written for this project because the upstream module is not
// served by the Go mirror we build from (see ../../README.md). The real
// work stays in the npm package @pulumi/pulumi (cmd/run, cmd/run-plugin,
// cmd/run-policy-pack); this host starts node with the arguments and
// environment those scripts expect.
package main

import (
	"canary-delivery/toolchain/langhost/internal/hostkit"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func main() {
	plugin := hostkit.Plugin{Name: "pulumi-language-nodejs", Language: "Node.js", GenerateSDK: generateSDK}
	hostkit.Serve(plugin, func(b *hostkit.Base) pulumirpc.LanguageRuntimeServer { return &host{Base: b} })
}
