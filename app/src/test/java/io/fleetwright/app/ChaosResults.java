package io.fleetwright.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * One JSON line per injected fault in {@code target/chaos/results.jsonl}; {@code make chaos} sums
 * them into its last line. The fields are always in the same order, so a shell can read them.
 */
final class ChaosResults {
  static final Path FILE = Path.of("target", "chaos", "results.jsonl");

  private ChaosResults() {}

  /** Where a worker's log goes: kept under target/chaos after the test, for the post-mortem. */
  static Path log(String name) {
    return FILE.getParent().resolve(name + ".log").toAbsolutePath();
  }

  /**
   * Records one fault.
   *
   * @param fault what was done, e.g. "worker killed with SIGKILL"
   * @param faults how many faults of this kind were injected
   * @param affected nodes that were in flight (not yet done) when it struck
   * @param lost nodes that did not end as expected
   * @param recovery from the fault until every affected node was done
   */
  static synchronized void record(
      String fault, int faults, int affected, int lost, Duration recovery) {
    String line =
        String.format(
            Locale.ROOT,
            "{\"fault\":\"%s\",\"faults\":%d,\"nodes_affected\":%d,\"nodes_lost\":%d,"
                + "\"recover_seconds\":%.1f}",
            fault.replace("\"", "'"),
            faults,
            affected,
            lost,
            recovery.toMillis() / 1000.0);
    System.out.println("chaos: " + line);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(
          FILE,
          line + System.lineSeparator(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not append to " + FILE.toAbsolutePath(), e);
    }
  }
}
