package io.fleetwright.fleet;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The entry point behind {@code bin/provisioner fleet}: starts a fleet, prints one line such as
 * {@code fleet: 1000 nodes up on nats://127.0.0.1:4222}, and keeps it running until the thread is
 * interrupted or the JVM shuts down (Ctrl-C).
 */
public final class FleetRunner {
  private FleetRunner() {}

  /**
   * Runs a fleet until interrupted, printing its status line on standard output.
   *
   * @param options the fleet options
   * @throws FleetException when the fleet cannot start; the message names the cause and the fix
   */
  public static void run(FleetOptions options) {
    run(options, System.out, new CountDownLatch(1));
  }

  /**
   * Runs a fleet until {@code stop} is released, the thread is interrupted, or the JVM shuts down.
   *
   * @param options the fleet options
   * @param out where the status line goes
   * @param stop released to stop the fleet
   */
  public static void run(FleetOptions options, PrintStream out, CountDownLatch stop) {
    Fleet fleet = Fleet.create(options);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              fleet.close();
            },
            "fleet-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      fleet.start();
      out.println(statusLine(fleet));
      out.flush();
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      fleet.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down and runs the hook itself.
      }
    }
  }

  /** Returns the status line, e.g. {@code fleet: 1000 nodes up on nats://127.0.0.1:4222}. */
  public static String statusLine(Fleet fleet) {
    return "fleet: "
        + fleet.nodes().size()
        + " nodes up on "
        + String.join(",", fleet.brokerUrls());
  }
}
