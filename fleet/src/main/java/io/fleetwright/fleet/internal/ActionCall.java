package io.fleetwright.fleet.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One RPC call as an agent sees it: the body's action and data plus the envelope fields the agent
 * rules use.
 */
public record ActionCall(
    String agent,
    String action,
    Map<String, Object> data,
    String requestId,
    String senderId,
    String callerId) {
  /** Copies the data; {@code null} data counts as {@code {}}, as in Go. */
  public ActionCall {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(action, "action");
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    requestId = Objects.requireNonNullElse(requestId, "");
    senderId = Objects.requireNonNullElse(senderId, "");
    callerId = Objects.requireNonNullElse(callerId, "");
  }
}
