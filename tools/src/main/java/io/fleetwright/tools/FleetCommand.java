package io.fleetwright.tools;

import io.fleetwright.fleet.FleetOptions;
import io.fleetwright.fleet.FleetRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code provisioner fleet --nodes N --nats URL}: an emulated fleet until stopped. */
@Command(
    name = "fleet",
    mixinStandardHelpOptions = true,
    description = "Run an emulated fleet of provisioning-mode Choria servers until stopped.")
final class FleetCommand implements Callable<Integer> {
  @Option(names = "--nodes", required = true, description = "How many nodes.")
  int nodes;

  @Option(names = "--nats", paramLabel = "URL", description = "Broker (default ${DEFAULT-VALUE}).")
  String nats = "nats://127.0.0.1:4222";

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

  @Override
  public Integer call() {
    FleetOptions.Builder options =
        FleetOptions.builder().nodes(nodes).natsUrl(nats).seed(seed).splayScale(splayScale);
    if (token != null) {
      options.token(token);
    }
    if (identityPattern != null) {
      options.identityPattern(identityPattern);
    }
    FleetRunner.run(options.build());
    return 0;
  }
}
