package io.fleetwright.credentials;

import java.util.Objects;

/**
 * A credential was refused or could not be produced: a CSR, JWT or ed25519 proof that does not
 * check out, a key that cannot be delivered, a sealed secret that does not open. The message names
 * the node, what was wrong and the fix; {@link #reason()} says which check failed, so the
 * activities can map it to their failure types. Every reason is permanent: trying again gives the
 * same answer.
 */
public final class CredentialException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Which check failed. */
  public enum Reason {
    /** The CSR does not parse, is not for the node, or its key is too weak. */
    CSR_INVALID,
    /** A name in the CSR matches {@code cert_deny_list}. */
    CSR_NAME_DENIED,
    /** The provisioning JWT does not verify, has expired or has another purpose. */
    JWT_INVALID,
    /** The node's ed25519 signature over the nonce does not verify. */
    ED25519_INVALID,
    /** The CA could not sign a certificate. */
    SIGNING_FAILED,
    /** A sealed secret does not open with this sealer's key. */
    SEALED_SECRET_INVALID,
    /** The node's ECDH public key is not a hex X25519 key, so a key cannot be delivered. */
    KEY_EXCHANGE_UNAVAILABLE,
    /** The private key to deliver is not an unencrypted PEM key. */
    KEY_INVALID,
    /** The server JWT claims given are not a JSON object. */
    CLAIMS_INVALID
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason which check failed
   * @param message the node, what was wrong and the fix; never blank
   */
  public CredentialException(Reason reason, String message) {
    super(requireMessage(message));
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Which check failed. */
  public Reason reason() {
    return reason;
  }

  private static String requireMessage(String message) {
    Objects.requireNonNull(message, "message");
    if (message.isBlank()) {
      throw new IllegalArgumentException(
          "a CredentialException needs a message that names the fix");
    }
    return message;
  }
}
