package io.fleetwright.it;

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
   * Records one fault with what the emulated fleet applied.
   *
   * @param fault what was done, e.g. "worker killed with SIGKILL"
   * @param faults how many faults of this kind were injected
   * @param affected nodes that were in flight (not yet done) when it struck
   * @param counts nodes lost, configured twice and restarted twice
   * @param recovery from the fault until every affected node was done
   */
  static void record(
      String fault, int faults, int affected, ChaosCounts counts, Duration recovery) {
    record(
        fault,
        faults,
        affected,
        counts.lost(),
        counts.configuredTwice(),
        counts.restartedTwice(),
        recovery);
  }

  /**
   * Records one fault.
   *
   * @param fault what was done, e.g. "worker killed with SIGKILL"
   * @param faults how many faults of this kind were injected
   * @param affected nodes that were in flight (not yet done) when it struck
   * @param lost nodes that did not end as expected
   * @param configuredTwice nodes whose configure took effect more than once
   * @param restartedTwice nodes that accepted restart more than once
   * @param recovery from the fault until every affected node was done
   */
  static synchronized void record(
      String fault,
      int faults,
      int affected,
      int lost,
      int configuredTwice,
      int restartedTwice,
      Duration recovery) {
    String line = line(fault, faults, affected, lost, configuredTwice, restartedTwice, recovery);
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

  /** The JSON line of one fault, fields always in this order (bin/chaos-summary reads them). */
  static String line(
      String fault,
      int faults,
      int affected,
      int lost,
      int configuredTwice,
      int restartedTwice,
      Duration recovery) {
    return String.format(
        Locale.ROOT,
        "{\"fault\":\"%s\",\"faults\":%d,\"nodes_affected\":%d,\"nodes_lost\":%d,"
            + "\"configured_twice\":%d,\"restarted_twice\":%d,\"recover_seconds\":%.1f}",
        fault.replace("\"", "'").replace("\\", "/"),
        faults,
        affected,
        lost,
        configuredTwice,
        restartedTwice,
        recovery.toMillis() / 1000.0);
  }
}
