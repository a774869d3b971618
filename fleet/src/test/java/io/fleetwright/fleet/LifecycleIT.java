package io.fleetwright.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.protocol.ChoriaCodec;
import io.fleetwright.protocol.LifecycleCodec;
import io.fleetwright.protocol.LifecycleEvent;
import io.fleetwright.protocol.LifecycleFormat;
import io.fleetwright.protocol.RegistrationData;
import io.fleetwright.testing.Fixtures;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a fleet announces when it starts: startup events in either format and registration data. */
class LifecycleIT {

  @Test
  void announcesEachNodeWithACloudEventAndRegistrationData() throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        WireClient client = new WireClient(nats.url())) {
      Subscription startups =
          client.connection().subscribe("choria.lifecycle.event.startup.provision_mode_server");
      Subscription registrations = client.connection().subscribe("provisioning.registration.data");
      client.connection().flush(Duration.ofSeconds(5));
      try (Fleet fleet = Fleet.builder().nodes(3).natsUrl(nats.url()).build().start()) {
        Set<String> announced = new HashSet<>();
        for (int i = 0; i < 3; i++) {
          Message m = next(startups);
          String json = new String(m.getData(), StandardCharsets.UTF_8);
          assertTrue(json.startsWith("{\"specversion\":\"1.0\""), json);
          LifecycleEvent event = LifecycleCodec.parse(m.getSubject(), m.getData());
          assertEquals("provision_mode_server", event.component());
          assertEquals("0.30.2", event.version());
          announced.add(event.identity());
        }
        Set<String> registered = new HashSet<>();
        for (int i = 0; i < 3; i++) {
          Message m = next(registrations);
          RegistrationData data = new ChoriaCodec().decodeRegistration(m.getSubject(), m.getData());
          String file = new String(data.fileContent(), StandardCharsets.UTF_8);
          assertTrue(file.contains("\"facts\""), file);
          registered.add(data.identity());
        }
        Set<String> identities = new HashSet<>();
        fleet.nodes().forEach(n -> identities.add(n.identity()));
        assertEquals(identities, announced);
        assertEquals(identities, registered);
      }
    }
  }

  @Test
  void announcesInChoriaFormatWhenAskedTo() throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        WireClient client = new WireClient(nats.url())) {
      Subscription startups = client.connection().subscribe("choria.lifecycle.event.startup.>");
      client.connection().flush(Duration.ofSeconds(5));
      try (Fleet fleet =
          Fleet.builder()
              .nodes(1)
              .natsUrl(nats.url())
              .lifecycleFormat(LifecycleFormat.CHORIA)
              .registration(false)
              .build()
              .start()) {
        String json = new String(next(startups).getData(), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"protocol\":\"io.choria.lifecycle.v1.startup\""), json);
        assertTrue(json.contains(fleet.nodes().get(0).identity()), json);
      }
    }
  }

  @Test
  void aRebootedNodeAnnouncesItsShutdownThenItsStartupAgain() throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        WireClient client = new WireClient(nats.url())) {
      Subscription events = client.connection().subscribe("choria.lifecycle.event.>");
      client.connection().flush(Duration.ofSeconds(5));
      try (Fleet fleet =
          Fleet.builder().nodes(1).natsUrl(nats.url()).registration(false).build().start()) {
        FleetNode node = fleet.nodes().get(0);
        assertEquals("startup", type(next(events)));

        node.reboot();

        assertEquals("shutdown", type(next(events)));
        Message startup = next(events);
        assertEquals("startup", type(startup));
        LifecycleEvent event = LifecycleCodec.parse(startup.getSubject(), startup.getData());
        assertEquals(node.identity(), event.identity());
        assertEquals("provision_mode_server", event.component());
        assertEquals(NodeMode.PROVISIONING, node.mode());
      }
    }
  }

  private static String type(Message m) {
    return LifecycleCodec.parse(m.getSubject(), m.getData()).type();
  }

  private static Message next(Subscription sub) throws InterruptedException {
    Message m = sub.nextMessage(Duration.ofSeconds(10));
    if (m == null) {
      throw new AssertionError("nothing arrived on " + sub.getSubject() + " within 10s");
    }
    return m;
  }
}
