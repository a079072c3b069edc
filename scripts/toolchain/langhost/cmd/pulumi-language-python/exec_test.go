package main

import (
	"os/exec"
	"strings"
	"testing"
)

// exec.py is only ever run by a real python; at least make sure it parses
// (and that its argument parser takes what hostkit.RunnerArgs produces).
// python3 is a prerequisite of the toolchain (the Python host runs it), so its
// absence fails the test rather than skipping it.
func TestExecScriptParses(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("no python3 on PATH: the Python language host needs one")
	}
	check := `import ast, sys
src = sys.stdin.read()
ast.parse(src)
ns = {}
exec(src.split("\ndef import_sdk")[0], ns)
a = ns["parse_args"](sys.argv[1:])
print(a.monitor, a.dry_run, a.parallel, a.root_directory, a.program, a.program_args)`
	cmd := exec.Command(py, append([]string{"-c", check},
		"--monitor=m:1", "--root-directory=/r", "--dry-run", "--parallel=-1", "--pwd=/r", ".", "a", "--b")...)
	cmd.Stdin = strings.NewReader(execScript)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got, want := strings.TrimSpace(string(out)), "m:1 True -1 /r . ['a', '--b']"; got != want {
		t.Errorf("got %q want %q", got, want)
	}
}
