package io.fleetwright.app.replay;

import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.HelperInput;
import io.fleetwright.workflows.ActivityTypes;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the last helper call in a node's history: a {@code LocalActivity} marker of type {@code
 * RunHelper} (production) or a scheduled {@code RunHelper} activity and its completion (runs with
 * regular activities), and decodes its input and result with the client's data converter, so an
 * encrypted history is read with the codec key.
 */
final class HelperHistory {
  static final String MARKER = "LocalActivity";
  private static final String ENCRYPTED = "binary/encrypted";

  private final DataConverter converter;

  HelperHistory(DataConverter converter) {
    this.converter = converter;
  }

  /** Thrown when a run's helper call cannot be recovered; the message says why and the fix. */
  static final class Unrecoverable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unrecoverable(String message) {
      super(message);
    }
  }

  /** A call found in history, still encoded. */
  private record Encoded(Payloads input, Optional<Payloads> result, Optional<Failure> failure) {}

  /**
   * The last helper call of the run.
   *
   * @throws Unrecoverable when there is none, or its payloads cannot be read
   */
  RecordedCall lastCall(String identity, String runId, History history) {
    Encoded call =
        find(history)
            .orElseThrow(
                () ->
                    new Unrecoverable(
                        "its history has no helper call with a recorded input (the run never"
                            + " reached the helper, or it predates recorded inputs)"));
    HelperInput input = decode(call.input(), HelperInput.class, "input");
    Outcome outcome =
        call.failure().isPresent()
            ? new Outcome.Refused(message(call.failure().get()))
            : new Outcome.Decided(
                decode(
                    call.result()
                        .orElseThrow(
                            () -> new Unrecoverable("its helper call recorded no decision")),
                    HelperDecision.class,
                    "decision"));
    return new RecordedCall(identity, runId, input, outcome);
  }

  private static Optional<Encoded> find(History history) {
    Encoded last = null;
    Map<Long, Payloads> scheduled = new HashMap<>();
    for (HistoryEvent e : history.getEventsList()) {
      if (e.hasMarkerRecordedEventAttributes()) {
        last = fromMarker(e.getMarkerRecordedEventAttributes()).orElse(last);
      } else if (e.hasActivityTaskScheduledEventAttributes()) {
        var a = e.getActivityTaskScheduledEventAttributes();
        if (a.getActivityType().getName().equals(ActivityTypes.RUN_HELPER) && a.hasInput()) {
          scheduled.put(e.getEventId(), a.getInput());
        }
      } else if (e.hasActivityTaskCompletedEventAttributes()) {
        var a = e.getActivityTaskCompletedEventAttributes();
        Payloads input = scheduled.get(a.getScheduledEventId());
        if (input != null) {
          last = new Encoded(input, Optional.of(a.getResult()), Optional.empty());
        }
      } else if (e.hasActivityTaskFailedEventAttributes()) {
        var a = e.getActivityTaskFailedEventAttributes();
        Payloads input = scheduled.get(a.getScheduledEventId());
        if (input != null) {
          last = new Encoded(input, Optional.empty(), Optional.of(a.getFailure()));
        }
      }
    }
    return Optional.ofNullable(last);
  }

  private static Optional<Encoded> fromMarker(MarkerRecordedEventAttributes marker) {
    Map<String, Payloads> details = marker.getDetailsMap();
    if (!marker.getMarkerName().equals(MARKER)
        || !details.containsKey("type")
        || !details.containsKey("input")) {
      return Optional.empty();
    }
    String type =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
            0, Optional.of(details.get("type")), String.class, String.class);
    if (!ActivityTypes.RUN_HELPER.equals(type)) {
      return Optional.empty();
    }
    Optional<Failure> failure =
        marker.hasFailure() ? Optional.of(marker.getFailure()) : Optional.empty();
    return Optional.of(
        new Encoded(details.get("input"), Optional.ofNullable(details.get("result")), failure));
  }

  private <T> T decode(Payloads payloads, Class<T> type, String what) {
    try {
      T value = converter.fromPayloads(0, Optional.of(payloads), type, type);
      if (value == null) {
        throw new Unrecoverable("its helper " + what + " is empty in history");
      }
      return value;
    } catch (Unrecoverable e) {
      throw e;
    } catch (RuntimeException e) {
      throw new Unrecoverable(why(payloads, what, e));
    }
  }

  private static String why(Payloads payloads, String what, RuntimeException e) {
    Optional<String> keyId =
        payloads.getPayloadsList().stream()
            .filter(HelperHistory::encrypted)
            .map(p -> p.getMetadataMap().get("encryption-key-id"))
            .filter(java.util.Objects::nonNull)
            .map(com.google.protobuf.ByteString::toStringUtf8)
            .findFirst();
    String cause = rootMessage(e);
    if (keyId.isPresent() && !cause.contains("codec key id")) {
      return "its helper %s is encrypted with codec key id %s and this command has no codec key;"
              .formatted(what, keyId.get())
          + " pass --config with codec.key_file, or set FLEETWRIGHT_CODEC_KEY";
    }
    return "cannot decode its helper " + what + ": " + cause;
  }

  private static boolean encrypted(Payload p) {
    var encoding = p.getMetadataMap().get("encoding");
    return encoding != null && ENCRYPTED.equals(encoding.toStringUtf8());
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /**
   * The innermost message of a recorded failure, the helper's own error, decoded with the
   * converter: with a codec key the messages are in the failure's encoded attributes.
   */
  private String message(Failure failure) {
    try {
      Throwable t = converter.failureToException(failure);
      while (t.getCause() != null && t.getCause() != t) {
        t = t.getCause();
      }
      return t instanceof io.temporal.failure.ApplicationFailure a
          ? a.getOriginalMessage()
          : String.valueOf(t.getMessage());
    } catch (RuntimeException e) {
      throw new Unrecoverable("cannot decode its helper failure: " + rootMessage(e));
    }
  }
}
