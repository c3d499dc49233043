// compose-check loads a Compose file exactly as `docker compose config` does (the same
// compose-spec loader: schema validation, interpolation, env files, normalisation) and prints
// the resolved project as JSON. CI has no Docker engine; this is how it validates the file.
//
//	compose-check [--env-file FILE] [--profile NAME]... docker-compose.yml
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
)

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	var envFiles, profiles multi
	flag.Var(&envFiles, "env-file", "an env file for interpolation, as docker compose --env-file (repeatable)")
	flag.Var(&profiles, "profile", "a profile to enable, as docker compose --profile (repeatable)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: compose-check [--env-file FILE] [--profile NAME] docker-compose.yml")
		os.Exit(2)
	}
	opts, err := cli.NewProjectOptions(flag.Args(),
		cli.WithOsEnv,
		cli.WithEnvFiles(envFiles...),
		cli.WithDotEnv,
		cli.WithDefaultProfiles(profiles...),
		cli.WithInterpolation(true),
		cli.WithResolvedPaths(true),
		cli.WithNormalization(true),
		cli.WithConsistency(true),
	)
	if err != nil {
		fail(err)
	}
	project, err := opts.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	out, err := project.MarshalJSON()
	if err != nil {
		fail(err)
	}
	os.Stdout.Write(out)
	os.Stdout.Write([]byte("\n"))
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "compose-check: %v\n", err)
	os.Exit(1)
}
