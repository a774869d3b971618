package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	"github.com/choria-io/go-choria/build"
	"github.com/choria-io/go-choria/choria"
	"github.com/choria-io/go-choria/config"
	"github.com/choria-io/go-choria/providers/provtarget"
	"github.com/choria-io/go-choria/server"
	log "github.com/sirupsen/logrus"
)

// serverRun starts a server the way go-choria's "server run" decides between provisioning mode
// and the configuration on disk: a file that sets plugin.choria.server.provision decides by that
// value, otherwise the JWT's default (chpd) decides; no file at all with a JWT means provisioning.
func serverRun(args []string) error {
	configFile, debugLog, err := serverFlags(args)
	if err != nil {
		return err
	}
	if debugLog {
		log.SetOutput(os.Stdout)
		log.SetLevel(log.DebugLevel)
	}
	bi := &build.Info{}
	cfg, err := serverConfig(configFile, bi)
	if err != nil {
		return err
	}
	cfg.ApplyBuildSettings(bi)
	if debugLog {
		cfg.LogLevel = "debug"
	}
	fw, err := choria.NewWithConfig(cfg)
	if err != nil {
		return fmt.Errorf("could not initialize Choria: %v", err)
	}
	if len(fw.BuildInfo().AgentProviders()) == 0 {
		return fmt.Errorf("invalid build: no agent providers linked in")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go stopOnSignal(cancel)
	fw.ConfigureProvisioning(ctx)
	instance, err := server.NewInstance(fw)
	if err != nil {
		return fmt.Errorf("could not create the server instance: %v", err)
	}
	log.Infof("Choria Server version %s starting with config %s (provisioning mode %v)",
		bi.Version(), cfg.ConfigFile, fw.ProvisionMode())
	wg := &sync.WaitGroup{}
	wg.Add(1)
	err = instance.Run(ctx, wg)
	wg.Wait()
	return err
}

func serverFlags(args []string) (string, bool, error) {
	configFile := ""
	debugLog := false
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "--config":
			if i+1 >= len(args) {
				return "", false, fmt.Errorf("--config needs a file name")
			}
			configFile = args[i+1]
			i++
		case "--debug":
			debugLog = true
		default:
			return "", false, fmt.Errorf("unknown server run flag %q", args[i])
		}
	}
	if configFile == "" {
		return "", false, fmt.Errorf("server run requires --config FILE")
	}
	return configFile, debugLog, nil
}

func serverConfig(configFile string, bi *build.Info) (*config.Config, error) {
	if _, err := os.Stat(configFile); err == nil {
		cfg, err := config.NewSystemConfig(configFile, true)
		if err != nil {
			return nil, fmt.Errorf("could not parse configuration %s: %v", configFile, err)
		}
		// The JWT resolver copies the JWT's settings (broker, default, token) into the build info.
		provtarget.Configure(context.Background(), cfg, log.WithField("component", "provtarget"))
		if !shouldProvision(cfg, bi) {
			return cfg, nil
		}
		log.Warnf("Switching to provisioning configuration due to build defaults and server.provision configuration setting")
		return provisioningConfig(configFile)
	}
	if bi.ProvisionBrokerURLs() != "" || fileExists(bi.ProvisionJWTFile()) {
		return provisioningConfig(configFile)
	}
	return nil, fmt.Errorf("configuration file %s was not found and provisioning is disabled (no JWT at %q)",
		configFile, bi.ProvisionJWTFile())
}

func fileExists(path string) bool {
	if path == "" {
		return false
	}
	_, err := os.Stat(path)
	return err == nil
}

func shouldProvision(cfg *config.Config, bi *build.Info) bool {
	if bi.ProvisionJWTFile() == "" && bi.ProvisionBrokerURLs() == "" {
		return false
	}
	if cfg.HasOption("plugin.choria.server.provision") {
		return cfg.Choria.Provision
	}
	return bi.ProvisionDefault()
}

// provisioningConfig is a default configuration; the framework's ConfigureProvisioning then applies
// the JWT's settings (broker, collective, facts, token).
func provisioningConfig(configFile string) (*config.Config, error) {
	cfg, err := config.NewDefaultSystemConfig(true)
	if err != nil {
		return nil, fmt.Errorf("could not create a default configuration for provisioning: %v", err)
	}
	cfg.ConfigFile = configFile
	cfg.Choria.SecurityProvider = "file"
	cfg.DisableSecurityProviderVerify = true
	return cfg, nil
}

func stopOnSignal(cancel func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	sig := <-sigs
	log.Infof("Shutting down on %s", sig)
	cancel()
	time.Sleep(10 * time.Second)
	log.Errorf("Forced shutdown after 10s")
	os.Exit(1)
}

func goChoriaModuleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown module version"
	}
	for _, dep := range info.Deps {
		if dep.Path == "github.com/choria-io/go-choria" {
			return "module " + dep.Version
		}
	}
	return "unknown module version"
}
