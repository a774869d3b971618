package io.fleetwright.activities;

import io.fleetwright.api.Ed25519Result;
import io.fleetwright.api.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Checks the node's proof of possession: an ed25519 signature over our nonce. */
final class Ed25519Check {
  private Ed25519Check() {}

  static void verify(String identity, String nonce, Ed25519Result result) {
    byte[] key;
    byte[] signature;
    try {
      key = HexFormat.of().parseHex(result.publicKey());
      signature = HexFormat.of().parseHex(result.signature());
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

  private static ApplicationFailure invalid(String identity, String why) {
    return ApplicationFailure.newNonRetryableFailure(
        "ed25519 proof of " + identity + " rejected: " + why, FailureTypes.ED25519_INVALID);
  }
}
