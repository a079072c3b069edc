package hostkit

import (
	"strconv"
	"strings"
)

// cliArgs is what the Pulumi CLI tells a language plugin on its command line.
type cliArgs struct {
	engineAddress string // first positional argument
	tracing       string // --tracing URL
	verbose       int    // -v=N
	logToStderr   bool   // --logtostderr
	showVersion   bool   // --version
}

// flagsWithValue lists the flags whose value may come as the next argument
// ("--tracing URL") rather than after "=". Every other flag is a switch.
var flagsWithValue = map[string]bool{
	"tracing": true,
	"v":       true,
	"root":    true,
	"runtime": true,
}

// parseArgs reads the plugin command line. We do not use the flag package:
// it exits on flags it does not know, and the CLI adds flags across versions
// (--logflow, -v, --root, ...). Unknown flags are skipped, never fatal.
func parseArgs(args []string) cliArgs {
	var out cliArgs
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			if i+1 < len(args) && out.engineAddress == "" {
				out.engineAddress = args[i+1]
			}
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			if out.engineAddress == "" {
				out.engineAddress = a
			}
			continue
		}
		name := strings.TrimLeft(a, "-")
		value, hasValue := "", false
		if eq := strings.IndexByte(name, '='); eq >= 0 {
			name, value, hasValue = name[:eq], name[eq+1:], true
		}
		if !hasValue && flagsWithValue[name] && i+1 < len(args) {
			i++
			value = args[i]
		}
		switch name {
		case "tracing":
			out.tracing = value
		case "v":
			if n, err := strconv.Atoi(value); err == nil {
				out.verbose = n
			}
		case "logtostderr":
			out.logToStderr = value == "" || value == "true"
		case "version":
			out.showVersion = true
		}
	}
	return out
}
