package io.fleetwright.app.cli;

import picocli.CommandLine;

/**
 * Prints a command's failure as one clear line on stderr and exits non-zero, without a stack trace.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
    String message =
        codecProblem(ex).orElse(ex.getMessage() == null ? ex.toString() : ex.getMessage());
    cli.getErr().println(cli.getCommandSpec().root().name() + ": " + message);
    if (Main.debug()) {
      ex.printStackTrace(cli.getErr());
    }
    return 1;
  }

  /**
   * A history this command could not read because its payloads are encrypted: without a codec key
   * the data converter meets the codec's encoding; with the wrong key the codec cannot decrypt.
   */
  static java.util.Optional<String> codecProblem(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof io.temporal.payload.codec.PayloadCodecException) {
        return java.util.Optional.of(
            "the workflow history is encrypted and the codec key this command has is wrong: "
                + t.getMessage()
                + " (pass --config FILE with the worker's codec section)");
      }
      String text = t.getMessage();
      if (text != null && text.contains(ENCRYPTED)) {
        return java.util.Optional.of(
            "the workflow history is encrypted and this command has no codec key: pass --config"
                + " FILE whose codec.key_file names the worker's key, or set FLEETWRIGHT_CODEC_KEY"
                + " (the key itself, base64 or hex)");
      }
    }
    return java.util.Optional.empty();
  }

  /** The payload encoding of {@code app.codec.AesGcmCodec}. */
  private static final String ENCRYPTED = "binary/encrypted";
}
