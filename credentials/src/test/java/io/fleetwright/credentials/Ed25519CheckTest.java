package io.fleetwright.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

class Ed25519CheckTest {
  private static final HexFormat HEX = HexFormat.of();

  private final Ed25519PrivateKeyParameters key =
      new Ed25519PrivateKeyParameters(new SecureRandom());

  @Test
  void aSignatureOverTheNonceVerifies() {
    Ed25519Check.verify(
        "n1", "nonce-1", HEX.formatHex(key.generatePublicKey().getEncoded()), sign("nonce-1"));
  }

  @Test
  void aSignatureOverAnotherNonceIsRefused() {
    String publicKey = HEX.formatHex(key.generatePublicKey().getEncoded());

    CredentialException e =
        assertThrows(
            CredentialException.class,
            () -> Ed25519Check.verify("n1", "nonce-1", publicKey, sign("nonce-2")));

    assertEquals(CredentialException.Reason.ED25519_INVALID, e.reason());
    assertTrue(e.getMessage().startsWith("ed25519 proof of n1 rejected"), e.getMessage());
  }

  @Test
  void keysThatAreNotHexAreRefused() {
    CredentialException e =
        assertThrows(CredentialException.class, () -> Ed25519Check.verify("n1", "x", "zz", "zz"));

    assertTrue(e.getMessage().contains("not hex"), e.getMessage());
  }

  private String sign(String nonce) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    byte[] message = nonce.getBytes(StandardCharsets.UTF_8);
    signer.update(message, 0, message.length);
    return HEX.formatHex(signer.generateSignature());
  }
}
