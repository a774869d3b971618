package io.fleetwright.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.testing.Fixtures;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lifecycle and registration subscriptions survive bad messages and failing consumers. */
// Responders and subscriptions are held open only for their side effects.
@SuppressWarnings("try")
class SubscriptionsIT {

  private static final String STARTUP = "choria.lifecycle.event.startup.provision_mode_server";

  private static NatsServer nats;

  @BeforeAll
  static void startNats() {
    nats = Fixtures.startNats();
  }

  @AfterAll
  static void stopNats() {
    nats.close();
  }

  @Test
  void receivesStartupEventsInBothFormatsAndSurvivesMalformedOnes() throws Exception {
    BlockingQueue<LifecycleEvent> events = new LinkedBlockingQueue<>();
    try (ChoriaClient client = client();
        LogCapture logs = new LogCapture();
        Connection server = Nats.connect(nats.url());
        Subscription subscription =
            client.onLifecycle("startup", "provision_mode_server", events::add)) {
      LifecycleEvent cloud = startup("node1.lab.local");
      LifecycleEvent choria = startup("node2.lab.local");

      server.publish(STARTUP, "{oops".getBytes(StandardCharsets.UTF_8));
      server.publish(
          STARTUP,
          "{\"protocol\":\"choria:lifecycle:startup:1\",\"identity\":\"x\"}"
              .getBytes(StandardCharsets.UTF_8));
      server.publish(
          STARTUP,
          new String(LifecycleCodec.encodeChoria(choria), StandardCharsets.UTF_8)
              .replace("node2.lab.local", "bad*node")
              .getBytes(StandardCharsets.UTF_8));
      server.publish(STARTUP, LifecycleCodec.encodeCloudEvent(cloud));
      server.publish(STARTUP, LifecycleCodec.encodeChoria(choria));

      assertEquals(cloud, events.poll(10, TimeUnit.SECONDS));
      assertEquals(choria, events.poll(10, TimeUnit.SECONDS));
      assertEquals(3, client.droppedMessages());
      assertTrue(subscription.active());
      assertTrue(
          logs.messages().stream()
              .anyMatch(
                  m -> m.contains("lifecycle event on " + STARTUP + ": identity \"bad*node\"")),
          logs.messages().toString());
      assertTrue(
          logs.messages().stream()
              .anyMatch(m -> m.contains(STARTUP) && m.contains("unsupported event format")),
          logs.messages().toString());
    }
  }

  @Test
  void aConsumerThatThrowsDoesNotEndTheSubscription() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    try (ChoriaClient client = client();
        Subscription subscription =
            client.onLifecycle(
                "*",
                "provision_mode_server",
                event -> {
                  seen.add(event.identity());
                  if (event.identity().equals("boom")) {
                    throw new IllegalStateException("consumer bug");
                  }
                })) {
      client.publishLifecycle(startup("boom"));
      client.publishLifecycle(
          LifecycleEvent.create("shutdown", "after", "provision_mode_server", null, Instant.now()),
          LifecycleFormat.CLOUD_EVENTS);

      assertEquals("boom", seen.poll(10, TimeUnit.SECONDS));
      assertEquals("after", seen.poll(10, TimeUnit.SECONDS));
      assertEquals("choria.lifecycle.event.*.provision_mode_server", subscription.subject());
    }
  }

  @Test
  void closingASubscriptionStopsDelivery() throws Exception {
    BlockingQueue<LifecycleEvent> events = new LinkedBlockingQueue<>();
    try (ChoriaClient client = client()) {
      Subscription subscription =
          client.onLifecycle("startup", "provision_mode_server", events::add);
      subscription.close();
      assertFalse(subscription.active());
      try (Subscription witness = client.onLifecycle("startup", "provision_mode_server", e -> {})) {
        client.publishLifecycle(startup("late"));
        client.flush(Duration.ofSeconds(5));
      }
      assertNull(events.poll(200, TimeUnit.MILLISECONDS));
    }
  }

  @Test
  void publishesItsOwnStartupEventInChoriaFormat() throws Exception {
    BlockingQueue<byte[]> raw = new LinkedBlockingQueue<>();
    try (ChoriaClient client = client();
        Connection watcher = Nats.connect(nats.url())) {
      watcher.createDispatcher(m -> raw.add(m.getData())).subscribe("choria.lifecycle.event.>");
      watcher.flush(Duration.ofSeconds(5));
      LifecycleEvent own =
          LifecycleEvent.create(
              "startup", client.identity(), "provisioner", "0.1.0", Instant.now());

      client.publishLifecycle(own);

      byte[] bytes = raw.poll(10, TimeUnit.SECONDS);
      assertNotNull(bytes);
      assertTrue(
          new String(bytes, StandardCharsets.UTF_8)
              .startsWith("{\"protocol\":\"io.choria.lifecycle.v1.startup\""));
      assertEquals(own, LifecycleCodec.parse(bytes));
    }
  }

  @Test
  void receivesRegistrationDataAndSurvivesMalformedPublishes() throws Exception {
    BlockingQueue<RegistrationData> received = new LinkedBlockingQueue<>();
    byte[] file = "{\"lab\":true}".getBytes(StandardCharsets.UTF_8);
    ChoriaCodec codec = new ChoriaCodec();
    try (ChoriaClient client = client();
        LogCapture logs = new LogCapture();
        Connection server = Nats.connect(nats.url());
        Subscription subscription = client.onRegistration(received::add)) {
      RegistrationData data = RegistrationData.of("node1.lab.local", "/r.json", 1L, false, file);

      server.publish(Subjects.REGISTRATION, "garbage".getBytes(StandardCharsets.UTF_8));
      server.publish(
          Subjects.REGISTRATION,
          codec.encodeRequest(
              WireExamples.inventoryRequest(codec), WireExamples.inventoryHeaders()));
      server.publish(
          Subjects.REGISTRATION, codec.encodeRegistration(data, "choria=n", Instant.now()));

      RegistrationData got = received.poll(10, TimeUnit.SECONDS);
      assertEquals(data, got);
      assertArrayEquals(file, got.fileContent());
      assertEquals(2, client.droppedMessages());
      assertTrue(
          logs.messages().stream()
              .anyMatch(
                  m ->
                      m.contains("registration on provisioning.registration.data: envelope.agent")),
          logs.messages().toString());
    }
  }

  @Test
  void receivesRegistrationDataOnTheSubjectOlderServersPublishOn() throws Exception {
    BlockingQueue<RegistrationData> received = new LinkedBlockingQueue<>();
    ChoriaCodec codec = new ChoriaCodec();
    try (ChoriaClient client = client();
        Connection server = Nats.connect(nats.url());
        Subscription subscription =
            client.onRegistration(Subjects.PROVISIONING_DATA, received::add)) {
      RegistrationData data =
          RegistrationData.of(
              "node2.lab.local", "/r.json", 1L, false, "{}".getBytes(StandardCharsets.UTF_8));

      server.publish(
          "choria.provisioning_data", codec.encodeRegistration(data, "choria=n", Instant.now()));

      assertEquals(data, received.poll(10, TimeUnit.SECONDS));
      assertEquals("choria.provisioning_data", subscription.subject());
    }
  }

  @Test
  void registrationIsReadOnlyOnRegistrationSubjects() {
    try (ChoriaClient client = client()) {
      ProtocolException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ProtocolException.class, () -> client.onRegistration("choria.>", d -> {}));
      assertTrue(e.getMessage().contains("not on \"choria.>\""), e.getMessage());
    }
  }

  private static ChoriaClient client() {
    return ChoriaClient.builder().natsUrl(nats.url()).identity("provisioner.lab.local").build();
  }

  private static LifecycleEvent startup(String identity) {
    return LifecycleEvent.create(
        "startup", identity, "provision_mode_server", "0.30.2", Instant.now());
  }
}
