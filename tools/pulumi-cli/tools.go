//go:build tools

// Package tools only pins the Pulumi CLI's Go module in this module's go.mod
// and go.sum. The build tag keeps it out of every build; scripts/setup-pulumi.mjs
// runs `go build github.com/pulumi/pulumi/pkg/v3/cmd/pulumi` from this folder.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
