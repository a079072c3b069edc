package main

import (
	"context"
	"fmt"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// InstallDependencies is `pulumi install` (and the install step of `pulumi
// new` / `pulumi package add`). With pip and a `virtualenv` option it
// creates the virtualenv when needed, updates pip/setuptools/wheel in it and
// runs `pip install -r requirements.txt`; without the option it installs
// into the python on PATH. uv and poetry projects use `uv sync` / `poetry
// install`. All of that is the SDK's toolchain package; we stream its output.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	stdout, stderr := hostkit.InstallOutput(server)
	info := req.GetInfo()
	dir := hostkit.InstallDirectory(req)
	opts, err := parseOptions(info.GetRootDirectory(), dir, info.GetOptions())
	if err != nil {
		return err
	}
	tc, err := opts.resolve()
	if err != nil {
		return err
	}

	fmt.Fprintf(stdout, "Installing dependencies...\n\n")
	if err := tc.InstallDependencies(server.Context(), dir, req.GetUseLanguageVersionTools(),
		true /*showOutput*/, stdout, stderr); err != nil {
		return err
	}
	// The toolchain prints its own "Finished installing dependencies".
	return nil
}

// GetProgramDependencies lists the program's Python distributions for
// `pulumi about` (`pip list`, or the uv/poetry equivalent); without
// transitive dependencies requested, only those nothing else requires.
func (h *host) GetProgramDependencies(ctx context.Context,
	req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	_, tc, err := toolchainFor(req.GetInfo())
	if err != nil {
		return nil, err
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return nil, err
	}
	pkgs, err := tc.ListPackages(ctx, req.GetTransitiveDependencies())
	if err != nil {
		return nil, err
	}
	deps := make([]*pulumirpc.DependencyInfo, 0, len(pkgs))
	for _, p := range pkgs {
		deps = append(deps, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}
