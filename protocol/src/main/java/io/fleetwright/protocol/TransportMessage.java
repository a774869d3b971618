package io.fleetwright.protocol;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The outermost layer on the wire, {@code choria:transport:1}.
 *
 * @param protocol always {@value #PROTOCOL}
 * @param data standard padded base64 of the UTF-8 JSON of the secure request or secure reply
 * @param headers reply-to, sender and hop headers; never null
 */
@JsonPropertyOrder({"protocol", "data", "headers"})
public record TransportMessage(String protocol, String data, TransportHeaders headers) {

  /** The protocol identifier of this layer. */
  public static final String PROTOCOL = "choria:transport:1";

  /** Validates the protocol and data; missing headers become {@link TransportHeaders#none()}. */
  public TransportMessage {
    Checks.protocol(protocol, PROTOCOL, "transport.protocol");
    Checks.present(data, "transport.data");
    headers = headers == null ? TransportHeaders.none() : headers;
  }

  /**
   * A transport message with the standard protocol string.
   *
   * @param data base64 of the inner layer
   * @param headers the headers
   * @return the message
   */
  public static TransportMessage of(String data, TransportHeaders headers) {
    return new TransportMessage(PROTOCOL, data, headers);
  }
}
