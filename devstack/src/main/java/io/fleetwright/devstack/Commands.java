package io.fleetwright.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs short-lived tools (initdb, temporal-sql-tool, the temporal CLI) to completion. Secrets go in
 * through the environment, never the command line, because every failure message quotes the
 * command.
 */
final class Commands {
  private static final int TAIL_LINES = 30;

  private Commands() {}

  /** The exit code and the combined output of one run. */
  record Result(List<String> command, int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }

    /** The last lines of the output, indented for an error message. */
    String tail() {
      List<String> lines = Arrays.asList(output.strip().split("\n"));
      return "    "
          + String.join(
              "\n    ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    /** Describes a failed run: what, the command, the exit code and the output tail. */
    DevStackException failure(String what) {
      return new DevStackException(
          what
              + " failed with exit code "
              + exitCode
              + "\n  command: "
              + String.join(" ", command)
              + "\n  last output:\n"
              + tail());
    }
  }

  /**
   * Runs {@code command} and waits for it; a run that outlives {@code timeout} is killed and
   * reported with exit code -1.
   */
  static Result run(List<String> command, Map<String, String> env, Path dir, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    Process p;
    try {
      p = builder.start();
    } catch (IOException e) {
      return new Result(command, -1, "could not start: " + e.getMessage());
    }
    try {
      // Output is read on a virtual thread, so a chatty tool never blocks on a full pipe.
      AtomicReference<String> out = new AtomicReference<>("");
      Thread reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      out.set(
                          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                      out.set("(output lost: " + e.getMessage() + ")");
                    }
                  });
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        reader.join(Duration.ofSeconds(5));
        return new Result(command, -1, out.get() + "\n(killed after " + timeout.toSeconds() + "s)");
      }
      reader.join(Duration.ofSeconds(5));
      return new Result(command, p.exitValue(), out.get());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new DevStackException("interrupted while running " + String.join(" ", command), e);
    }
  }
}
