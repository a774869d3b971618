package io.fleetwright.fleet.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An agent's answer, shaped like the MCollective RPC reply: status code, status message and data
 * (insertion order kept, because the wire order is part of the contract).
 */
public record ActionResult(int statusCode, String statusMsg, Map<String, Object> data) {
  /** Status code of success. */
  public static final int OK = 0;

  /** Status code of a refused or failed action. */
  public static final int ABORTED = 1;

  /** Status code of an unknown action. */
  public static final int UNKNOWN_ACTION = 2;

  /** Status code of data that does not decode. */
  public static final int INVALID_DATA = 4;

  /** Keeps the data's order and makes it read-only. */
  public ActionResult {
    Objects.requireNonNull(statusMsg, "statusMsg");
    data = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(data, "data")));
  }

  /** A success with {@code data}. */
  public static ActionResult ok(Map<String, Object> data) {
    return new ActionResult(OK, "OK", data);
  }

  /** A success whose data is {@code {"message": message}}. */
  public static ActionResult message(String message) {
    return ok(Map.of("message", message));
  }

  /** An abort (status 1) with {@code msg}. */
  public static ActionResult aborted(String msg) {
    return new ActionResult(ABORTED, msg, Map.of());
  }

  /** An invalid-data failure (status 4) with {@code msg}. */
  public static ActionResult invalidData(String msg) {
    return new ActionResult(INVALID_DATA, msg, Map.of());
  }

  /** Status 2 in the real agent's words. */
  public static ActionResult unknownAction(String action, String agent) {
    return new ActionResult(
        UNKNOWN_ACTION, "Unknown action " + action + " for agent " + agent, Map.of());
  }

  /** True when the status is OK. */
  public boolean isOk() {
    return statusCode == OK;
  }
}
