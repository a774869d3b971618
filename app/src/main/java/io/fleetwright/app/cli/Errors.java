package io.fleetwright.app.cli;

import picocli.CommandLine;

/**
 * Prints a command's failure as one clear line on stderr and exits non-zero, without a stack trace.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
    String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
    cli.getErr().println(cli.getCommandSpec().root().name() + ": " + message);
    if (Main.debug()) {
      ex.printStackTrace(cli.getErr());
    }
    return 1;
  }
}
