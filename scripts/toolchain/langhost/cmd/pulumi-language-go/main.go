// Command pulumi-language-go is a small Go language host for the Pulumi CLI,
// written for this project because the upstream module is not served by the
// Go mirror we build from (see ../../README.md). It needs `go` on PATH at
// run time: Go programs are compiled on every preview/up.
package main

import (
	"canary-delivery/toolchain/langhost/internal/hostkit"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func main() {
	plugin := hostkit.Plugin{Name: "pulumi-language-go", Language: "Go", GenerateSDK: generateSDK}
	hostkit.Serve(plugin, func(b *hostkit.Base) pulumirpc.LanguageRuntimeServer { return &host{Base: b} })
}
