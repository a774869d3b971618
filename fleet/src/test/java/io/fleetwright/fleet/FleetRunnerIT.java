package io.fleetwright.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.protocol.Filter;
import io.fleetwright.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FleetRunnerIT {

  @Test
  void printsOneStatusLineAndServesUntilStopped() throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        WireClient client = new WireClient(nats.url())) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      CountDownLatch stop = new CountDownLatch(1);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread runner =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      FleetRunner.run(
                          FleetOptions.builder().nodes(20).natsUrl(nats.url()).build(), out, stop);
                    } catch (Throwable t) {
                      failure.set(t);
                    }
                  });
      String expected = "fleet: 20 nodes up on " + nats.url() + System.lineSeparator();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!bytes.toString(StandardCharsets.UTF_8).equals(expected)
          && System.nanoTime() < deadline) {
        runner.join(50);
      }
      assertEquals(expected, bytes.toString(StandardCharsets.UTF_8), "failure: " + failure.get());
      assertEquals(20, client.discover("provisioning", Filter.empty(), 20).size());
      stop.countDown();
      runner.join(Duration.ofSeconds(30));
      assertTrue(!runner.isAlive(), "the runner returns once stopped");
      assertEquals(null, failure.get());
    }
  }
}
