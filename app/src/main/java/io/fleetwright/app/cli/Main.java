package io.fleetwright.app.cli;

import io.fleetwright.app.SiteCommand;
import io.fleetwright.app.operator.ApprovalCommands;
import io.fleetwright.app.operator.NodeCommands;
import io.fleetwright.app.operator.ReprovisionCommand;
import io.fleetwright.app.replay.HelperCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
      HelperCommand.class,
      ReprovisionCommand.class,
      ApprovalCommands.Approve.class,
      ApprovalCommands.Reject.class,
      SiteCommand.class
    })
public final class Main implements Runnable {
  private static final java.util.Set<String> OWN_OPTIONS =
      java.util.Set.of("-h", "--help", "-V", "--version");

  @Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Log at debug level whatever the config says, and print stack traces.")
  void debug(boolean on) {
    if (on) {
      System.setProperty(DEBUG, "true");
    }
  }

  private static final String DEBUG = "fleetwright.debug";

  public static void main(String[] args) {
    System.exit(commandLine().execute(withDefaultCommand(args)));
  }

  /** Whether {@code --debug} was given (or {@code -Dfleetwright.debug=true}). */
  static boolean debug() {
    return Boolean.getBoolean(DEBUG);
  }

  /**
   * {@code run} is the default command, as in the Go provisioner: when the first argument (after
   * {@code --debug}) is not a command or {@code --help}/{@code --version}, or there is none, {@code
   * run} is put in front of it. {@code provisioner --config FILE} runs the provisioner, and {@code
   * provisioner} alone says that {@code --config} is missing.
   *
   * @param args the arguments as given
   * @return the arguments to execute
   */
  public static String[] withDefaultCommand(String... args) {
    int first = 0;
    while (first < args.length && args[first].equals("--debug")) {
      first++;
    }
    boolean command = first < args.length && !args[first].startsWith("-");
    if (command || (first < args.length && OWN_OPTIONS.contains(args[first]))) {
      return args;
    }
    String[] out = new String[args.length + 1];
    System.arraycopy(args, 0, out, 0, first);
    out[first] = "run";
    System.arraycopy(args, first, out, first + 1, args.length - first);
    return out;
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
    cli.addSubcommand(new CompletionCommand());
    // Both reach only the commands added so far, so they come after the last one.
    cli.registerConverter(java.time.Duration.class, new DurationConverter());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
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
