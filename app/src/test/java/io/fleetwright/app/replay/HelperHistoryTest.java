package io.fleetwright.app.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.CsrResult;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.HelperInput;
import io.fleetwright.app.codec.CodecKeys;
import io.fleetwright.app.config.ConfigLoader;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelperHistoryTest {
  private static final HelperInput INPUT =
      new HelperInput(
          "n1.example.net",
          new CsrResult("csr", "pub", "/etc/choria/ssl"),
          null,
          "{\"facts\":{\"country\":\"de\"}}",
          "{\"purl\":\"x\"}");
  private static final HelperDecision DECISION =
      HelperDecision.Configure.of(Map.of("plugin.choria.server.provision", "false"), "ok");

  private static Payloads payloads(DataConverter converter, Object value) {
    return converter.toPayloads(value).orElseThrow();
  }

  private static HistoryEvent marker(long id, String type, DataConverter converter) {
    DataConverter std = DefaultDataConverter.STANDARD_INSTANCE;
    return HistoryEvent.newBuilder()
        .setEventId(id)
        .setEventType(EventType.EVENT_TYPE_MARKER_RECORDED)
        .setMarkerRecordedEventAttributes(
            MarkerRecordedEventAttributes.newBuilder()
                .setMarkerName(HelperHistory.MARKER)
                .putDetails("type", payloads(std, type))
                .putDetails("activityId", payloads(std, "1"))
                .putDetails("input", payloads(converter, INPUT))
                .putDetails("result", payloads(converter, DECISION)))
        .build();
  }

  @Test
  void readsTheHelpersInputAndDecisionFromItsLocalActivityMarker() {
    DataConverter converter = DefaultDataConverter.STANDARD_INSTANCE;
    History history =
        History.newBuilder()
            .addEvents(marker(5, "FetchInventory", converter))
            .addEvents(marker(6, "RunHelper", converter))
            .build();
    RecordedCall call = new HelperHistory(converter).lastCall("n1.example.net", "r1", history);
    assertEquals(INPUT, call.input());
    assertEquals(new Outcome.Decided(DECISION), call.outcome());
  }

  @Test
  void readsAHelperRunOnTheRateLimitedCaQueueFromARecordedHistory() throws Exception {
    Path recorded =
        Path.of(
            "../workflows/src/test/resources/histories/provisioned-ca-rate-limit-helper-v1.json");
    History history =
        io.temporal.common.WorkflowExecutionHistory.fromJson(Files.readString(recorded))
            .getHistory();
    RecordedCall call =
        new HelperHistory(DefaultDataConverter.STANDARD_INSTANCE)
            .lastCall("node1.example.net", "r1", history);
    assertEquals("node1.example.net", call.input().identity());
    HelperDecision decision = ((Outcome.Decided) call.outcome()).decision();
    assertTrue(
        ((HelperDecision.Configure) decision).signCsr(), "the recorded reply asked for signing");
  }

  @Test
  void readsARegularRunHelperActivityFromItsScheduledAndCompletedEvents() {
    DataConverter converter = DefaultDataConverter.STANDARD_INSTANCE;
    History history =
        History.newBuilder()
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventId(7)
                    .setActivityTaskScheduledEventAttributes(
                        ActivityTaskScheduledEventAttributes.newBuilder()
                            .setActivityType(ActivityType.newBuilder().setName("RunHelper"))
                            .setInput(payloads(converter, INPUT))))
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventId(9)
                    .setActivityTaskCompletedEventAttributes(
                        ActivityTaskCompletedEventAttributes.newBuilder()
                            .setScheduledEventId(7)
                            .setResult(payloads(converter, DECISION))))
            .build();
    RecordedCall call = new HelperHistory(converter).lastCall("n1.example.net", "r1", history);
    assertEquals(INPUT, call.input());
    assertEquals(new Outcome.Decided(DECISION), call.outcome());
  }

  @Test
  void decodesAnEncryptedHistoryWithTheCodecKeyAndNamesTheKeyWhenItIsMissing(@TempDir Path dir)
      throws Exception {
    Path key = dir.resolve("codec.key");
    Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
    DataConverter encrypted =
        CodecKeys.converter(ConfigLoader.parse("codec: {key_file: \"%s\"}".formatted(key)));
    History history = History.newBuilder().addEvents(marker(6, "RunHelper", encrypted)).build();
    assertEquals(
        INPUT, new HelperHistory(encrypted).lastCall("n1.example.net", "r1", history).input());

    DataConverter plain = CodecKeys.converter(Optional.empty());
    HelperHistory.Unrecoverable e =
        assertThrows(
            HelperHistory.Unrecoverable.class,
            () -> new HelperHistory(plain).lastCall("n1.example.net", "r1", history));
    assertTrue(
        e.getMessage().contains("encrypted with codec key id")
            && e.getMessage().contains("FLEETWRIGHT_CODEC_KEY"),
        e.getMessage());
  }

  @Test
  void aHistoryWithoutAHelperCallIsUnrecoverableAndSaysWhy() {
    DataConverter converter = DefaultDataConverter.STANDARD_INSTANCE;
    History history =
        History.newBuilder().addEvents(marker(5, "FetchInventory", converter)).build();
    HelperHistory.Unrecoverable e =
        assertThrows(
            HelperHistory.Unrecoverable.class,
            () -> new HelperHistory(converter).lastCall("n1.example.net", "r1", history));
    assertTrue(e.getMessage().contains("no helper call"), e.getMessage());
  }
}
