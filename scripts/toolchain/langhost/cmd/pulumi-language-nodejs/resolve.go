package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// resolveScript prints where node would load process.argv[1] from. The module
// name travels as an argument, not spliced into the script, so no quoting
// issues. MODULE_NOT_FOUND becomes exit code 3 so we can give a useful hint.
const resolveScript = `try { console.log(require.resolve(process.argv[1])) }` +
	` catch (e) { console.error(e.message); process.exit(e.code === "MODULE_NOT_FOUND" ? 3 : 1) }`

// resolveModule asks node itself to resolve mod from dir. Using node's own
// resolution (instead of assuming dir/node_modules/...) makes hoisted npm
// workspaces work: @pulumi/pulumi may live in a parent directory.
func resolveModule(ctx context.Context, node, dir, mod string) (string, error) {
	cmd := exec.CommandContext(ctx, node, "-e", resolveScript, mod)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) && exitErr.ExitCode() == 3 {
			return "", fmt.Errorf("could not find %s from %s; it looks like the Pulumi SDK is not installed "+
				"(run `npm install` there, or `pulumi install`)", mod, dir)
		}
		return "", fmt.Errorf("resolving %s from %s: %w: %s", mod, dir, err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}
