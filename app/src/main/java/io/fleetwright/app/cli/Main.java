package io.fleetwright.app.cli;

import io.fleetwright.app.SiteCommand;
import io.fleetwright.app.operator.ApprovalCommands;
import io.fleetwright.app.operator.NodeCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code provisioner} command. The tools module (demo, bench, fleet, discover)
 * adds its commands to this command line through {@link #commandLine(Object...)}.
 */
@Command(
    name = "provisioner",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Durable provisioning for Choria fleets on Temporal.",
    subcommands = {
      RunCommand.class,
      NodeCommands.Nodes.class,
      NodeCommands.Status.class,
      NodeCommands.Retry.class,
      NodeCommands.Cancel.class,
      NodeCommands.Pause.class,
      NodeCommands.Resume.class,
      ApprovalCommands.Approve.class,
      ApprovalCommands.Reject.class,
      SiteCommand.class
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * Builds the command line with every subcommand registered; tests use it to run commands.
   *
   * @param more further commands (picocli {@code @Command} objects), listed before {@code help}
   * @return the command line, with the one-line error handler
   */
  public static CommandLine commandLine(Object... more) {
    CommandLine cli = new CommandLine(new Main());
    for (Object command : more) {
      cli.addSubcommand(command);
    }
    cli.addSubcommand("help", new CommandLine.HelpCommand());
    cli.setExecutionExceptionHandler(new Errors());
    return cli;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.err);
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"provisioner " + (v == null ? "dev" : v)};
    }
  }
}
