//go:build tools

// Package tools pins the Node.js language host (pulumi-language-nodejs) for
// scripts/setup-pulumi.mjs; the build tag keeps it out of every build.
//
// Why a second module and why sdk/v3 v3.68.0: since v3.69.0 the language host
// is its own Go module (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3),
// which is only ever published at pseudo-versions, and the Go module proxy
// reachable from the project's machines refuses every version of that module.
// v3.68.0 is the newest release that still ships the host inside sdk/v3, and
// one module graph cannot hold sdk/v3 at both v3.68.0 and v3.259.0 (the CLI's).
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
)
