package io.fleetwright.tools.bench;

import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * One timed provisioning run: builds an emulated fleet (keys made before the clock), starts it so
 * every node appears at once, and counts provisioned nodes until all are or time runs out.
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
      if (ok >= nodes || now > deadline) {
        return new Result(nodes, ok, (now - started) / 1e9);
      }
      if (now - lastLog > 10e9) {
        log.printf(
            "bench: %s %d/%d provisioned after %.0f s%n", label, ok, nodes, (now - started) / 1e9);
        lastLog = now;
      }
      Thread.sleep(50);
    }
  }
}
