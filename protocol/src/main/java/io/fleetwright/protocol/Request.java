package io.fleetwright.protocol;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code choria:request:1} layer.
 *
 * @param protocol always {@value #PROTOCOL}
 * @param message the payload text: RPC JSON, or {@code cGluZw==} for a discovery ping
 * @param envelope the envelope
 */
@JsonPropertyOrder({"protocol", "message", "envelope"})
public record Request(String protocol, String message, RequestEnvelope envelope) {

  /** The protocol identifier of this layer. */
  public static final String PROTOCOL = "choria:request:1";

  /** Validates the layer as the receiving server's schema check does. */
  public Request {
    Checks.protocol(protocol, PROTOCOL, "request.protocol");
    Checks.nonEmpty(message, "request.message");
    Checks.notNull(envelope, "request.envelope");
  }

  /**
   * A request with the standard protocol string.
   *
   * @param message the payload text
   * @param envelope the envelope
   * @return the request
   */
  public static Request of(String message, RequestEnvelope envelope) {
    return new Request(PROTOCOL, message, envelope);
  }
}
