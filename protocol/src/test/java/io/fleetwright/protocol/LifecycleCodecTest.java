package io.fleetwright.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Lifecycle events in Choria format and CloudEvents 1.0, parsed with Go's detection rules. */
class LifecycleCodecTest {

  private static final String SUBJECT = "choria.lifecycle.event.startup.provision_mode_server";

  /** WIRE.md §1.5's startup example, exact key order and formatting. */
  private static final String CLOUD_STARTUP =
      "{\"specversion\":\"1.0\",\"id\":\"0b6d2c3e-7f0a-4a51-9f66-2a6b2f0d1e11\","
          + "\"source\":\"io.choria.lifecycle\",\"type\":\"io.choria.lifecycle.v1.startup\","
          + "\"subject\":\"node1.lab.local\",\"datacontenttype\":\"application/json\","
          + "\"time\":\"2024-06-10T06:13:20Z\",\"data\":{\"protocol\":\"io.choria.lifecycle.v1.startup\","
          + "\"id\":\"0b6d2c3e-7f0a-4a51-9f66-2a6b2f0d1e11\",\"identity\":\"node1.lab.local\","
          + "\"component\":\"provision_mode_server\",\"timestamp\":1718000000,\"version\":\"0.30.2\"}}";

  private static final LifecycleEvent STARTUP =
      new LifecycleEvent(
          "startup",
          "0b6d2c3e-7f0a-4a51-9f66-2a6b2f0d1e11",
          "node1.lab.local",
          "provision_mode_server",
          1718000000L,
          "0.30.2");

  @Test
  void rejectsAnEventOverTheSizeLimitNamingItsSize() {
    byte[] huge = new byte[ChoriaCodec.DEFAULT_MAX_MESSAGE_BYTES + 1];
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> LifecycleCodec.parse(SUBJECT, huge));
    assertTrue(
        e.getMessage().contains("is 1048577 bytes, over the limit of 1048576 bytes"),
        e.getMessage());
  }

  @Test
  void parsesTheChoriaFormatSample() {
    LifecycleEvent event = LifecycleCodec.parse(SharedDocs.read("choriaFormatShutdown.json"));

    assertEquals(
        new LifecycleEvent(
            "shutdown",
            "cb6f1dbc-d65b-49b9-907e-e4a51bee75f8",
            "dev1.devco.net",
            "server",
            1575482338L,
            null),
        event);
  }

  @Test
  void parsesTheCloudEventsSample() {
    LifecycleEvent event = LifecycleCodec.parse(SharedDocs.read("cloudEventFormatShutdown.json"));

    assertEquals(
        new LifecycleEvent(
            "shutdown",
            "01e72410-d734-4611-9485-8c6a2dd2579b",
            "ginkgo.example.net",
            "ginkgo",
            1535106973L,
            "1.2.3"),
        event);
  }

  @Test
  void encodesTheStartupExampleExactlyAsGoChoriaDoes() {
    assertEquals(
        CLOUD_STARTUP,
        new String(LifecycleCodec.encodeCloudEvent(STARTUP), StandardCharsets.UTF_8));
    assertEquals(STARTUP, LifecycleCodec.parse(SUBJECT, CLOUD_STARTUP.getBytes()));
  }

  @Test
  void encodesChoriaFormatAsTheDataObjectOnItsOwn() {
    String expected =
        CLOUD_STARTUP.substring(CLOUD_STARTUP.indexOf("\"data\":") + 7, CLOUD_STARTUP.length() - 1);

    assertEquals(
        expected, new String(LifecycleCodec.encodeChoria(STARTUP), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(LifecycleFormat.class)
  void roundTripsTheSamplesInBothFormats(LifecycleFormat format) {
    for (String sample :
        new String[] {"choriaFormatShutdown.json", "cloudEventFormatShutdown.json"}) {
      LifecycleEvent event = LifecycleCodec.parse(SharedDocs.read(sample));

      assertEquals(event, LifecycleCodec.parse(LifecycleCodec.encode(event, format)), sample);
    }
  }

  @Test
  void roundTripsAFreshProvisionedEventWithoutVersion() {
    LifecycleEvent event =
        LifecycleEvent.create("provisioned", "n1", "provision_mode_server", "", Instant.now());

    assertNull(event.version());
    assertEquals(event, LifecycleCodec.parse(LifecycleCodec.encodeChoria(event)));
    assertEquals(36, event.id().length(), "UUID with dashes: " + event.id());
    assertEquals("choria.lifecycle.event.provisioned.provision_mode_server", event.subject());
  }

  @Test
  void rejectsATopLevelLegacyProtocolString() {
    String legacy =
        "{\"protocol\":\"choria:lifecycle:startup:1\",\"id\":\"x\",\"identity\":\"n1\","
            + "\"component\":\"server\",\"timestamp\":1}";

    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> LifecycleCodec.parse(SUBJECT, legacy.getBytes()));
    assertStarts("lifecycle event on " + SUBJECT + ": event has an unsupported event format", e);
  }

  @Test
  void rejectsACloudEventFromAnotherSource() {
    String other = CLOUD_STARTUP.replace("\"source\":\"io.choria.lifecycle\"", "\"source\":\"x\"");

    assertThrows(ProtocolException.class, () -> LifecycleCodec.parse(other.getBytes()));
  }

  @Test
  void rejectsACloudEventWhoseDataUsesALegacyProtocol() {
    String legacy =
        CLOUD_STARTUP.replace(
            "\"protocol\":\"io.choria.lifecycle.v1.startup\"",
            "\"protocol\":\"choria:lifecycle:startup:1\"");

    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> LifecycleCodec.parse(SUBJECT, legacy.getBytes()));
    assertStarts("lifecycle event on " + SUBJECT + ": data.protocol must start with", e);
  }

  @Test
  void rejectsAnUnknownEventType() {
    String odd = CLOUD_STARTUP.replace("v1.startup\",\"id\"", "v1.exploded\",\"id\"");

    ProtocolException e =
        assertThrows(ProtocolException.class, () -> LifecycleCodec.parse(SUBJECT, odd.getBytes()));
    assertStarts(
        "lifecycle event on " + SUBJECT + ": data.protocol names the unknown event type", e);
  }

  @Test
  void rejectsATimestampSentAsAString() {
    String bad = CLOUD_STARTUP.replace("\"timestamp\":1718000000", "\"timestamp\":\"1718000000\"");

    ProtocolException e =
        assertThrows(ProtocolException.class, () -> LifecycleCodec.parse(SUBJECT, bad.getBytes()));
    assertStarts("lifecycle event on " + SUBJECT + ": data.timestamp must be an integer", e);
  }

  @Test
  void rejectsAnEventWithAnIdentityThatBreaksSubjects() {
    String bad =
        CLOUD_STARTUP.replace("\"identity\":\"node1.lab.local\"", "\"identity\":\"node 1\"");

    ProtocolException e =
        assertThrows(ProtocolException.class, () -> LifecycleCodec.parse(SUBJECT, bad.getBytes()));
    assertStarts("lifecycle event on " + SUBJECT + ": identity \"node 1\" contains whitespace", e);
  }

  @Test
  void rejectsMalformedJson() {
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> LifecycleCodec.parse(SUBJECT, "{".getBytes()));
    assertStarts("lifecycle event on " + SUBJECT + ": event is not valid JSON", e);
  }

  /** go-choria's UpgradedEvent: the basic fields, then version (old) and new_version. */
  @Test
  void encodesAndParsesAnUpgradedEventWithItsNewVersion() {
    LifecycleEvent upgraded =
        new LifecycleEvent(
            "upgraded",
            "0b6d2c3e-7f0a-4a51-9f66-2a6b2f0d1e11",
            "node1.lab.local",
            "provision_mode_server",
            1718000000L,
            "0.30.2",
            "0.99.0");
    String json = new String(LifecycleCodec.encodeChoria(upgraded), StandardCharsets.UTF_8);

    assertEquals(
        "{\"protocol\":\"io.choria.lifecycle.v1.upgraded\","
            + "\"id\":\"0b6d2c3e-7f0a-4a51-9f66-2a6b2f0d1e11\",\"identity\":\"node1.lab.local\","
            + "\"component\":\"provision_mode_server\",\"timestamp\":1718000000,"
            + "\"version\":\"0.30.2\",\"new_version\":\"0.99.0\"}",
        json);
    assertEquals(upgraded, LifecycleCodec.parse(LifecycleCodec.encodeCloudEvent(upgraded)));
    assertNull(LifecycleCodec.parse(CLOUD_STARTUP.getBytes(StandardCharsets.UTF_8)).newVersion());
  }

  private static void assertStarts(String expected, ProtocolException e) {
    assertTrue(
        e.getMessage().startsWith(expected),
        "expected a message starting with <" + expected + "> but was <" + e.getMessage() + ">");
  }
}
