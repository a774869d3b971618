package io.fleetwright.tools.bench;

import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * One timed provisioning run: builds an emulated fleet (keys made before the clock), starts it so
 * every node appears at once, and counts provisioned nodes until all are or time runs out. For our
 * provisioner the count is what Temporal recorded ({@link RecordedRuns}); the emulator's count only
 * says when to start asking. The Go provisioner records nothing durable, so its nodes are counted
 * as the emulator saw them restart.
 */
final class FleetRun {
  /** The outcome of a run. */
  record Result(int nodes, int provisioned, double seconds) {}

  private FleetRun() {}

  static Fleet build(BenchTarget target, int nodes, String pattern, int keyPool, long seed) {
    return Fleet.builder()
        .nodes(nodes)
        .natsUrl(target.natsUrl())
        .token(BenchFiles.TOKEN)
        .identityPattern(pattern)
        .seed(seed)
        .splayScale(0)
        .rsaKeyPool(keyPool)
        .nodesPerConnection(2500)
        .build();
  }

  /**
   * Starts {@code fleet} and waits until all its nodes are provisioned; {@code progress} sees the
   * count each time it grows.
   */
  static Result run(
      Fleet fleet, Duration timeout, PrintStream log, String label, IntConsumer progress)
      throws InterruptedException {
    return run(fleet, timeout, log, label, progress, null);
  }

  /**
   * As above, but done when {@code recorded} (Temporal's count of runs completed PROVISIONED) says
   * so: once the emulator saw every node restart, asks Temporal every {@value #RECORDED_POLL_MS} ms
   * until it recorded them all or time runs out.
   */
  static Result run(
      Fleet fleet,
      Duration timeout,
      PrintStream log,
      String label,
      IntConsumer progress,
      IntSupplier recorded)
      throws InterruptedException {
    int nodes = fleet.nodes().size();
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    fleet.start();
    int last = -1;
    long lastLog = started;
    while (true) {
      int ok = fleet.count(NodeMode.PROVISIONED);
      if (ok != last) {
        progress.accept(ok);
        last = ok;
      }
      long now = System.nanoTime();
      if (ok >= nodes && recorded != null) {
        return awaitRecorded(nodes, started, deadline, log, label, recorded);
      }
      if (ok >= nodes || now > deadline) {
        return new Result(
            nodes, recorded == null ? ok : recorded.getAsInt(), (now - started) / 1e9);
      }
      if (now - lastLog > 10e9) {
        log.printf(
            "bench: %s %d/%d provisioned after %.0f s%n", label, ok, nodes, (now - started) / 1e9);
        lastLog = now;
      }
      Thread.sleep(50);
    }
  }

  static final long RECORDED_POLL_MS = 250;

  static Result awaitRecorded(
      int nodes, long started, long deadline, PrintStream log, String label, IntSupplier recorded)
      throws InterruptedException {
    double emulatorSeconds = (System.nanoTime() - started) / 1e9;
    while (true) {
      int done = recorded.getAsInt();
      long now = System.nanoTime();
      if (done >= nodes || now > deadline) {
        double seconds = (now - started) / 1e9;
        log.printf(
            "bench: %s: the emulator saw %d/%d restart after %.1f s; Temporal recorded %d/%d"
                + " PROVISIONED after %.1f s%n",
            label, nodes, nodes, emulatorSeconds, done, nodes, seconds);
        return new Result(nodes, done, seconds);
      }
      Thread.sleep(RECORDED_POLL_MS);
    }
  }
}
