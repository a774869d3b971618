package io.fleetwright.protocol;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fleetwright.protocol.internal.Encodings;

/**
 * The {@code choria:secure:reply:1} layer.
 *
 * @param protocol always {@value #PROTOCOL}
 * @param message the JSON text of the {@link Reply} (a JSON string, not base64)
 * @param hash standard base64 of SHA-256 over the UTF-8 bytes of {@code message}
 */
@JsonPropertyOrder({"protocol", "message", "hash"})
public record SecureReply(String protocol, String message, String hash) {

  /** The protocol identifier of this layer. */
  public static final String PROTOCOL = "choria:secure:reply:1";

  /** Validates that every field is present and non-empty. */
  public SecureReply {
    Checks.protocol(protocol, PROTOCOL, "secure.protocol");
    Checks.nonEmpty(message, "secure.message");
    Checks.nonEmpty(hash, "secure.hash");
  }

  /**
   * A secure reply around the given reply JSON, with its hash computed.
   *
   * @param replyJson the JSON text of the reply layer
   * @return the secure reply
   */
  public static SecureReply of(String replyJson) {
    return new SecureReply(PROTOCOL, replyJson, hashOf(replyJson));
  }

  /**
   * The hash Go computes: base64(SHA-256(UTF-8 of the decoded message string)). Never hash the
   * escaped JSON literal.
   *
   * @param replyJson the reply JSON text
   * @return the base64 hash
   */
  public static String hashOf(String replyJson) {
    return Encodings.sha256Base64(replyJson);
  }

  /**
   * Whether {@code hash} matches {@code message}.
   *
   * @return true when the hash verifies
   */
  public boolean hashVerifies() {
    return hashOf(message).equals(hash);
  }
}
