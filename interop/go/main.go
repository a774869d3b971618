// Command choria runs a real go-choria server for Fleetwright's interop tests.
//
// The stock go-choria command line cannot be built from the Go module proxy (it imports
// github.com/choria-io/appbuilder, whose versions the proxy refuses), so this is our own small
// front end over go-choria's server, config, framework and tokens packages. It links in the RPC
// agent provider (rpcutil, discovery, choria_util) and the provisioning agent, which a plain
// "go install" of go-choria leaves out. The provisioning JWT path is set at link time with
// -ldflags "-X github.com/choria-io/go-choria/build.ProvisionJWTFile=...".
//
// Usage:
//
//	choria server run --config FILE [--debug]
//	choria jwt keys SEED-FILE PUBLIC-FILE
//	choria jwt prov JWT-FILE SEED-FILE --token T --urls URL [--default] [--upgrade]
//	choria version
package main

import (
	"fmt"
	"os"
	"runtime"

	"github.com/choria-io/go-choria/build"
	"github.com/choria-io/go-choria/plugin"
	golang "github.com/choria-io/go-choria/providers/agent/mcorpc/golang"
	"github.com/choria-io/go-choria/providers/agent/mcorpc/golang/provision"
)

const usage = `usage:
  choria server run --config FILE [--debug]
  choria jwt keys SEED-FILE PUBLIC-FILE
  choria jwt prov JWT-FILE SEED-FILE --token T --urls URL [--default] [--upgrade]
  choria version`

func main() {
	register("golangmco", golang.ChoriaPlugin())
	register("choria_provision", provision.ChoriaPlugin())

	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "choria: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	switch {
	case len(args) >= 2 && args[0] == "server" && args[1] == "run":
		return serverRun(args[2:])
	case len(args) >= 2 && args[0] == "jwt" && args[1] == "keys":
		return jwtKeys(args[2:])
	case len(args) >= 2 && args[0] == "jwt" && (args[1] == "prov" || args[1] == "provisioning"):
		return jwtProv(args[2:])
	case len(args) == 1 && args[0] == "version":
		bi := &build.Info{}
		fmt.Printf("go-choria %s (%s), built with %s, provisioning JWT file %q\n",
			bi.Version(), goChoriaModuleVersion(), runtime.Version(), bi.ProvisionJWTFile())
		return nil
	default:
		return fmt.Errorf("unknown command %q\n%s", args, usage)
	}
}

func register(name string, p plugin.Pluggable) {
	if err := plugin.Register(name, p); err != nil {
		fmt.Fprintf(os.Stderr, "choria: could not register plugin %s: %v\n", name, err)
		os.Exit(1)
	}
}
