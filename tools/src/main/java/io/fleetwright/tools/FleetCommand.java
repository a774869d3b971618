package io.fleetwright.tools;

import io.fleetwright.fleet.FleetOptions;
import io.fleetwright.fleet.FleetRunner;
import io.fleetwright.fleet.TargetResolver;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code provisioner fleet --nodes N [--nats URL | --target hint-file|srv ...]}: an emulated fleet
 * until stopped.
 */
@Command(
    name = "fleet",
    mixinStandardHelpOptions = true,
    description = "Run an emulated fleet of provisioning-mode Choria servers until stopped.")
final class FleetCommand implements Callable<Integer> {
  @Option(names = "--nodes", required = true, description = "How many nodes.")
  int nodes;

  @Option(
      names = "--nats",
      paramLabel = "URL",
      description =
          "Broker(s), comma separated, for --target static (default " + DEFAULT_NATS + ").")
  String nats;

  @Mixin FleetTargetOptions targets = new FleetTargetOptions();

  @Spec CommandSpec spec;

  @Option(names = "--token", description = "Provisioning token the nodes expect (default none).")
  String token;

  @Option(names = "--seed", description = "Seed for facts and faults (default ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--identity-pattern",
      paramLabel = "FORMAT",
      description = "String.format pattern of node names (default node-%%05d.fleet.example).")
  String identityPattern;

  @Option(
      names = "--splay-scale",
      paramLabel = "X",
      description = "Scale the restart splay; 0.05 makes a 2 s splay 100 ms (default 1).")
  double splayScale = 1.0;

  private static final String DEFAULT_NATS = "nats://127.0.0.1:4222";

  @Override
  public Integer call() {
    FleetRunner.run(options().build());
    return 0;
  }

  /** The fleet's options from the flags; usage errors are {@link ParameterException}s. */
  FleetOptions.Builder options() {
    Optional<TargetResolver> resolver = targets.resolver(spec);
    if (nats != null && !targets.usesNats()) {
      throw new ParameterException(
          spec.commandLine(),
          "--nats does nothing with --target "
              + targets.target
              + "; drop it or use --target static");
    }
    FleetOptions.Builder options =
        FleetOptions.builder().nodes(nodes).seed(seed).splayScale(splayScale);
    resolver.ifPresentOrElse(
        options::targetResolver, () -> options.natsUrl(nats == null ? DEFAULT_NATS : nats));
    if (token != null) {
      options.token(token);
    }
    if (identityPattern != null) {
      options.identityPattern(identityPattern);
    }
    return options;
  }
}
