package io.fleetwright.tools.bench;

import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.LifecycleEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A provisioner under benchmark, ours or the Go one, as its own process: started, awaited until it
 * announces itself with its startup lifecycle event, measured (RSS from /proc) and stopped.
 */
final class BenchProcess implements AutoCloseable {
  private final Process process;
  private final String label;

  private BenchProcess(Process process, String label) {
    this.process = process;
    this.label = label;
  }

  /**
   * Starts {@code command}, logging to {@code log}, and returns once its startup event arrived on
   * {@code natsUrl}.
   */
  static BenchProcess start(
      String label, List<String> command, Path log, String natsUrl, Duration timeout)
      throws InterruptedException {
    return start(label, command, java.util.Map.of(), log, natsUrl, timeout);
  }

  /** As above, with extra environment variables for the process. */
  static BenchProcess start(
      String label,
      List<String> command,
      java.util.Map<String, String> env,
      Path log,
      String natsUrl,
      Duration timeout)
      throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(1);
    try (ChoriaClient watcher =
        ChoriaClient.builder().natsUrl(natsUrl).identity("fleetwright.bench").connect()) {
      AutoCloseable sub =
          watcher.onLifecycle(
              LifecycleEvent.STARTUP, LifecycleEvent.PROVISIONER, e -> ready.countDown());
      watcher.flush(Duration.ofSeconds(5));
      Process process;
      try {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        process = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException(
            label + ": could not start " + String.join(" ", command) + ": " + e.getMessage(), e);
      }
      BenchProcess started = new BenchProcess(process, label);
      if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        started.close();
        throw new IllegalStateException(
            label
                + " did not announce itself within "
                + timeout.toSeconds()
                + " s (process "
                + (process.isAlive() ? "still running" : "exited " + process.exitValue())
                + "); see its log "
                + log);
      }
      closeQuietly(sub);
      return started;
    }
  }

  /** Returns the resident set size of the process in bytes, or -1 if it cannot be read. */
  long rssBytes() {
    return procStatus("VmRSS:");
  }

  /** Returns the peak resident set size of the process in bytes, or -1 if it cannot be read. */
  long peakRssBytes() {
    return procStatus("VmHWM:");
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  private long procStatus(String key) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith(key)) {
          String[] parts = line.substring(key.length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return label + " (pid " + process.pid() + ")";
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // The watcher connection closes next anyway.
    }
  }
}
