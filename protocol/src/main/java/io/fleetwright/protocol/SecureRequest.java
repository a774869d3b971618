package io.fleetwright.protocol;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code choria:secure:request:1} layer. With security off, {@code signature} and {@code
 * pubcert} are the literal {@value #INSECURE}.
 *
 * @param protocol always {@value #PROTOCOL}
 * @param message the JSON text of the {@link Request} (a JSON string, not base64)
 * @param signature {@value #INSECURE} when security is off
 * @param pubcert {@value #INSECURE} when security is off
 */
@JsonPropertyOrder({"protocol", "message", "signature", "pubcert"})
public record SecureRequest(String protocol, String message, String signature, String pubcert) {

  /** The protocol identifier of this layer. */
  public static final String PROTOCOL = "choria:secure:request:1";

  /** The signature and certificate value when protocol security is off. */
  public static final String INSECURE = "insecure";

  /** Validates the layer as the receiving server's schema check does: all four non-empty. */
  public SecureRequest {
    Checks.protocol(protocol, PROTOCOL, "secure.protocol");
    Checks.nonEmpty(message, "secure.message");
    Checks.nonEmpty(signature, "secure.signature");
    Checks.nonEmpty(pubcert, "secure.pubcert");
  }

  /**
   * An unsigned secure request around the given request JSON.
   *
   * @param requestJson the JSON text of the request layer
   * @return the secure request
   */
  public static SecureRequest insecure(String requestJson) {
    return new SecureRequest(PROTOCOL, requestJson, INSECURE, INSECURE);
  }
}
