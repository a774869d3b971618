package io.fleetwright.credentials;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Checks the node's proof of possession: an ed25519 signature over our nonce. */
public final class Ed25519Check {
  private Ed25519Check() {}

  /**
   * Checks that {@code signatureHex} is the node's ed25519 signature over {@code nonce}.
   *
   * @param identity the node, for the message
   * @param nonce the nonce the provisioner sent, signed as UTF-8 bytes
   * @param publicKeyHex the node's public key, 64 hex characters
   * @param signatureHex the signature, 128 hex characters
   * @throws CredentialException {@link CredentialException.Reason#ED25519_INVALID} when it does not
   *     verify
   */
  public static void verify(
      String identity, String nonce, String publicKeyHex, String signatureHex) {
    byte[] key;
    byte[] signature;
    try {
      key = HexFormat.of().parseHex(publicKeyHex);
      signature = HexFormat.of().parseHex(signatureHex);
    } catch (IllegalArgumentException e) {
      throw invalid(identity, "its public key or signature is not hex");
    }
    if (key.length != 32 || signature.length != 64) {
      throw invalid(
          identity,
          "its public key has "
              + key.length
              + " bytes and its signature "
              + signature.length
              + " (expected 32 and 64)");
    }
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(false, new Ed25519PublicKeyParameters(key, 0));
    byte[] message = nonce.getBytes(StandardCharsets.UTF_8);
    signer.update(message, 0, message.length);
    if (!signer.verifySignature(signature)) {
      throw invalid(identity, "the signature over the nonce does not verify with its public key");
    }
  }

  private static CredentialException invalid(String identity, String why) {
    return new CredentialException(
        CredentialException.Reason.ED25519_INVALID,
        "ed25519 proof of " + identity + " rejected: " + why);
  }
}
