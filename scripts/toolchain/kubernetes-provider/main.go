// Command pulumi-resource-kubernetes serves the Pulumi Kubernetes provider.
//
// Upstream's main embeds schema-embed.json, which `go generate` writes and the
// module zip does not ship, so the package cannot be built as published. This
// main embeds the committed schema.json instead (scripts/bootstrap copies it
// here from the module directory) and stamps the version into it at start-up,
// which is what upstream's generate.go does at build time.
package main

import (
	_ "embed"
	"encoding/json"
	"log"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema.json
var schemaJSON []byte

//go:embed terraform-mapping.json
var terraformMapping []byte

func main() {
	var spec map[string]any
	if err := json.Unmarshal(schemaJSON, &spec); err != nil {
		log.Fatalf("cannot read the provider schema: %v", err)
	}
	spec["version"] = version.Version
	stamped, err := json.Marshal(spec)
	if err != nil {
		log.Fatalf("cannot write the provider schema: %v", err)
	}
	provider.Serve("kubernetes", version.Version, stamped, terraformMapping)
}
