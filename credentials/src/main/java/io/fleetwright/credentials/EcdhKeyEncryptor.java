package io.fleetwright.credentials;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Encrypts a helper-supplied private key for one node (WIRE.md §4.5): a fresh X25519 pair per call,
 * the 32 shared bytes as the password of legacy OpenSSL PEM encryption with AES-256-CBC.
 */
public final class EcdhKeyEncryptor {
  private static final int LINE = 64;

  private EcdhKeyEncryptor() {}

  /**
   * A private key encrypted for one node. Safe to store: only the node can decrypt it, and the
   * provisioner's ECDH private key is discarded.
   *
   * @param encryptedPem the encrypted PEM, sent as {@code configure.key}
   * @param provisionerEcdhPublic the provisioner's X25519 public key, hex, sent as {@code
   *     configure.ecdh_public}
   */
  public record Encrypted(String encryptedPem, String provisionerEcdhPublic) {}

  /**
   * Encrypts {@code keyPem} for the node whose ECDH public key is {@code nodeEcdhPublicHex}.
   *
   * @param identityHint names the node in messages
   * @param keyPem an unencrypted PEM private key
   * @param nodeEcdhPublicHex the node's X25519 public key from its {@code jwt} reply, hex
   * @return the encrypted key and the provisioner's public key for this delivery
   * @throws CredentialException {@link CredentialException.Reason#KEY_EXCHANGE_UNAVAILABLE} or
   *     {@link CredentialException.Reason#KEY_INVALID}
   */
  public static Encrypted encrypt(String identityHint, String keyPem, String nodeEcdhPublicHex) {
    byte[] nodePublic = nodePublic(identityHint, nodeEcdhPublicHex);
    X25519PrivateKeyParameters ours = new X25519PrivateKeyParameters(StripedRandom.current());
    byte[] shared = new byte[X25519PrivateKeyParameters.SECRET_SIZE];
    ours.generateSecret(new X25519PublicKeyParameters(nodePublic, 0), shared, 0);
    byte[] der = pemBody(identityHint, keyPem);
    String pem = encryptPem(der, shared);
    return new Encrypted(pem, HexFormat.of().formatHex(ours.generatePublicKey().getEncoded()));
  }

  private static byte[] nodePublic(String identity, String hex) {
    try {
      byte[] key = HexFormat.of().parseHex(hex == null ? "" : hex.trim());
      if (key.length != X25519PublicKeyParameters.KEY_SIZE) {
        throw new IllegalArgumentException("it has " + key.length + " bytes, not 32");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new CredentialException(
          CredentialException.Reason.KEY_EXCHANGE_UNAVAILABLE,
          "the ECDH public key that "
              + identity
              + " offered in its jwt reply is not a hex X25519 key ("
              + e.getMessage()
              + "); the node must return ecdh_public as 64 hex characters");
    }
  }

  /** The DER bytes of the helper's PEM key; the node writes them back as its private.pem. */
  private static byte[] pemBody(String identity, String pem) {
    String[] lines = pem.replace("\r", "").strip().split("\n");
    StringBuilder body = new StringBuilder();
    boolean inside = false;
    for (String line : lines) {
      String l = line.strip();
      if (l.startsWith("-----BEGIN ")) {
        inside = true;
      } else if (l.startsWith("-----END ")) {
        break;
      } else if (inside && !l.contains(":")) {
        body.append(l);
      }
    }
    try {
      byte[] der = Base64.getDecoder().decode(body.toString());
      if (!inside || der.length == 0) {
        throw new IllegalArgumentException("no PEM block found");
      }
      return der;
    } catch (IllegalArgumentException e) {
      throw new CredentialException(
          CredentialException.Reason.KEY_INVALID,
          "the helper's key for "
              + identity
              + " is not an unencrypted PEM private key ("
              + e.getMessage()
              + "); return key as '-----BEGIN ... PRIVATE KEY-----' text");
    }
  }

  static String encryptPem(byte[] der, byte[] password) {
    byte[] iv = new byte[16];
    StripedRandom.nextBytes(iv);
    byte[] key = bytesToKey(password, Arrays.copyOf(iv, 8), 32);
    byte[] encrypted;
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      encrypted = cipher.doFinal(der);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC is not available in this JDK", e);
    }
    String base64 = Base64.getEncoder().encodeToString(encrypted);
    StringBuilder out = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
    out.append("Proc-Type: 4,ENCRYPTED\n");
    out.append("DEK-Info: AES-256-CBC,").append(HexFormat.of().withUpperCase().formatHex(iv));
    out.append("\n\n");
    for (int i = 0; i < base64.length(); i += LINE) {
      out.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
    }
    return out.append("-----END RSA PRIVATE KEY-----\n").toString();
  }

  /** OpenSSL's EVP_BytesToKey: MD5, one round, D_i = MD5(D_(i-1) || password || salt). */
  static byte[] bytesToKey(byte[] password, byte[] salt, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] out = new byte[length];
      byte[] block = new byte[0];
      int filled = 0;
      while (filled < length) {
        md5.update(block);
        md5.update(password);
        md5.update(salt);
        block = md5.digest();
        int n = Math.min(block.length, length - filled);
        System.arraycopy(block, 0, out, filled, n);
        filled += n;
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is not available in this JDK", e);
    }
  }
}
