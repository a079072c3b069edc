package hostkit

import (
	"fmt"
	"io"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// InstallDirectory is where InstallDependencies installs: the program
// directory, or the Directory older engines send instead.
func InstallDirectory(req *pulumirpc.InstallDependenciesRequest) string {
	if dir := req.GetInfo().GetProgramDirectory(); dir != "" {
		return dir
	}
	return req.GetDirectory()
}

// Installing runs install between the two lines upstream's hosts print
// around an install.
func Installing(stdout io.Writer, install func() error) error {
	fmt.Fprintf(stdout, "Installing dependencies...\n\n")
	if err := install(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Finished installing dependencies\n\n")
	return nil
}
