package io.fleetwright.tools;

import io.fleetwright.tools.bench.BenchCommand;
import io.fleetwright.tools.demo.CodecEndpointCommand;
import io.fleetwright.tools.demo.DemoCommand;
import picocli.CommandLine;

/**
 * Entry point of {@code bin/provisioner demo|bench|fleet|discover}: the provisioner's own command
 * line with the development tools added, so help, errors and exit codes are the same.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(io.fleetwright.app.cli.Main.withDefaultCommand(args)));
  }

  /**
   * Builds the provisioner's command line plus the tools' commands; tests use it to run them.
   *
   * @return the command line
   */
  public static CommandLine commandLine() {
    return io.fleetwright.app.cli.Main.commandLine(
        new DemoCommand(),
        new FleetCommand(),
        new DiscoverCommand(),
        new BenchCommand(),
        new CodecEndpointCommand());
  }
}
