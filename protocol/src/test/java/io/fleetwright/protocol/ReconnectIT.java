package io.fleetwright.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The client reconnects after a nats-server restart, with its reply and event subscriptions. */
// Responders and subscriptions are held open only for their side effects.
@SuppressWarnings("try")
class ReconnectIT {

  @Test
  void callsAndSubscriptionsWorkAgainAfterTheServerRestarts() throws Exception {
    BlockingQueue<LifecycleEvent> events = new LinkedBlockingQueue<>();
    try (NatsServer nats = Fixtures.startNats();
        TestResponder fleet = new TestResponder(nats.url(), "node1.lab.local");
        ChoriaClient client =
            ChoriaClient.builder().natsUrl(nats.url()).identity("provisioner.lab.local").build();
        Subscription startups =
            client.onLifecycle("startup", "provision_mode_server", events::add)) {
      assertTrue(
          client.call("node1.lab.local", "rpcutil", "ping", Map.of(), Duration.ofSeconds(5)).ok());

      nats.restart();

      AtomicReference<RpcResult> result = new AtomicReference<>();
      Await.quickly(
          Duration.ofSeconds(60),
          () -> {
            try {
              result.set(
                  client.call("node1.lab.local", "rpcutil", "ping", null, Duration.ofMillis(500)));
              return true;
            } catch (RpcTimeoutException e) {
              return false;
            }
          },
          () -> "no reply after the restart; client connected=" + client.connected());
      assertEquals("node1.lab.local", result.get().identity());
      assertTrue(startups.active());
      LifecycleEvent event =
          LifecycleEvent.create(
              "startup", "node9.lab.local", "provision_mode_server", "1", Instant.now());
      Await.quickly(
          Duration.ofSeconds(30),
          () -> {
            client.publishLifecycle(event);
            try {
              return event.equals(events.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          },
          () -> "the lifecycle subscription did not come back");
    }
  }
}
