package io.fleetwright.protocol;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code choria:reply:1} layer.
 *
 * @param protocol always {@value #PROTOCOL}
 * @param message the payload text, raw (never base64): RPC reply JSON, or {@code pong}
 * @param envelope the envelope
 */
@JsonPropertyOrder({"protocol", "message", "envelope"})
public record Reply(String protocol, String message, ReplyEnvelope envelope) {

  /** The protocol identifier of this layer. */
  public static final String PROTOCOL = "choria:reply:1";

  /** Validates the layer as the reply schema does. */
  public Reply {
    Checks.protocol(protocol, PROTOCOL, "reply.protocol");
    Checks.nonEmpty(message, "reply.message");
    Checks.notNull(envelope, "reply.envelope");
  }

  /**
   * A reply with the standard protocol string.
   *
   * @param message the payload text
   * @param envelope the envelope
   * @return the reply
   */
  public static Reply of(String message, ReplyEnvelope envelope) {
    return new Reply(PROTOCOL, message, envelope);
  }
}
