package io.fleetwright.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MCollective RPC reply body carried as the reply layer's {@code message}.
 *
 * @param action the action that was called
 * @param statusCode the status ({@code statuscode}), see {@link StatusCode}
 * @param statusMsg the status message ({@code statusmsg})
 * @param data the outputs; null becomes {@code {}}, insertion order is kept
 */
@JsonPropertyOrder({"action", "statuscode", "statusmsg", "data"})
public record RpcReply(
    String action,
    @JsonProperty("statuscode") int statusCode,
    @JsonProperty("statusmsg") String statusMsg,
    Map<String, Object> data) {

  /** Validates and copies the outputs, keeping their order. */
  public RpcReply {
    Checks.present(action, "rpc.action");
    Checks.present(statusMsg, "rpc.statusmsg");
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /**
   * A successful reply.
   *
   * @param action the action
   * @param data the outputs
   * @return the reply with status 0 and message {@code OK}
   */
  public static RpcReply ok(String action, Map<String, Object> data) {
    return new RpcReply(action, StatusCode.OK.code(), StatusCode.OK.defaultMessage(), data);
  }

  /**
   * A failed reply; {@code data} is {@code {}} as Go sends on every error reply.
   *
   * @param action the action
   * @param status the status, not {@link StatusCode#OK}
   * @param message the reason
   * @return the reply
   */
  public static RpcReply error(String action, StatusCode status, String message) {
    return new RpcReply(action, status.code(), message, Map.of());
  }

  /**
   * The status as an enum; a code outside 0 to 5 is reported as {@link StatusCode#UNKNOWN_ERROR}.
   *
   * @return the status
   */
  public StatusCode status() {
    return StatusCode.forCode(statusCode).orElse(StatusCode.UNKNOWN_ERROR);
  }

  /**
   * Whether the status is {@link StatusCode#OK}.
   *
   * @return true on success
   */
  public boolean ok() {
    return statusCode == StatusCode.OK.code();
  }
}
