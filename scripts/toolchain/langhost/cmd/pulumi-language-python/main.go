// Command pulumi-language-python is a small Python language host for the
// Pulumi CLI, written for this project because the upstream module is not
// served by the Go mirror we build from (see ../../README.md). The
// Python-specific work is upstream's own code in the served modules:
// sdk/v3/python/toolchain (pip / uv / poetry, virtualenvs) and
// pkg/v3/codegen/python; programs run through our exec.py.
package main

import (
	"canary-delivery/toolchain/langhost/internal/hostkit"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func main() {
	plugin := hostkit.Plugin{Name: "pulumi-language-python", Language: "Python", GenerateSDK: generateSDK}
	hostkit.Serve(plugin, func(b *hostkit.Base) pulumirpc.LanguageRuntimeServer { return &host{Base: b} })
}
