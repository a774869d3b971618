package io.fleetwright.fleet.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts legacy OpenSSL PEM encryption ({@code Proc-Type: 4,ENCRYPTED}, {@code DEK-Info:
 * AES-*-CBC,<hex IV>}), the format Go's {@code x509.EncryptPEMBlock} writes: the AES key is
 * MD5-based {@code EVP_BytesToKey(password, salt = first 8 bytes of the IV)}, the data PKCS#7
 * padded.
 */
public final class LegacyPem {
  private LegacyPem() {}

  /** A failure to parse or decrypt, with a message that names the part at fault. */
  public static final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    PemException(String message) {
      super(message);
    }
  }

  /** A parsed PEM block. */
  public record Block(String type, Map<String, String> headers, byte[] bytes) {}

  /** Parses the first PEM block of {@code text}. */
  public static Block parse(String text) throws PemException {
    String[] lines = text.replace("\r", "").split("\n");
    int i = 0;
    while (i < lines.length && !lines[i].startsWith("-----BEGIN ")) {
      i++;
    }
    if (i == lines.length || !lines[i].endsWith("-----")) {
      throw new PemException("bad key received: no PEM BEGIN line");
    }
    String type = lines[i].substring(11, lines[i].length() - 5);
    Map<String, String> headers = new LinkedHashMap<>();
    StringBuilder body = new StringBuilder();
    for (i++; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.equals("-----END " + type + "-----")) {
        return new Block(type, headers, decodeBody(body.toString()));
      }
      int colon = line.indexOf(':');
      if (body.isEmpty() && colon > 0) {
        headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      } else {
        body.append(line);
      }
    }
    throw new PemException("bad key received: no PEM END line for " + type);
  }

  private static byte[] decodeBody(String base64) throws PemException {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new PemException("bad key received: PEM body is not base64: " + e.getMessage());
    }
  }

  /** Returns the decrypted DER bytes of an encrypted PEM block. */
  public static byte[] decrypt(Block block, byte[] password) throws PemException {
    if (!"4,ENCRYPTED".equals(block.headers().get("Proc-Type"))) {
      throw new PemException("key is not encrypted (no Proc-Type: 4,ENCRYPTED header)");
    }
    String dek = block.headers().get("DEK-Info");
    if (dek == null || dek.indexOf(',') < 0) {
      throw new PemException("encrypted key has no DEK-Info: <cipher>,<hex IV> header");
    }
    String cipherName = dek.substring(0, dek.indexOf(','));
    int keyBytes =
        switch (cipherName) {
          case "AES-128-CBC" -> 16;
          case "AES-192-CBC" -> 24;
          case "AES-256-CBC" -> 32;
          default -> throw new PemException("unsupported PEM cipher " + cipherName);
        };
    byte[] iv;
    try {
      iv = Hex.decode(dek.substring(dek.indexOf(',') + 1));
    } catch (IllegalArgumentException e) {
      throw new PemException("DEK-Info IV is not hex: " + e.getMessage());
    }
    if (iv.length != 16) {
      throw new PemException(
          "DEK-Info IV must have 16 bytes for " + cipherName + ", got " + iv.length);
    }
    byte[] key = bytesToKey(password, Arrays.copyOf(iv, 8), keyBytes);
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      return cipher.doFinal(block.bytes());
    } catch (GeneralSecurityException e) {
      throw new PemException(
          "decryption password incorrect (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** OpenSSL's EVP_BytesToKey with MD5 and one iteration. */
  static byte[] bytesToKey(byte[] password, byte[] salt, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] out = new byte[length];
      byte[] previous = new byte[0];
      for (int filled = 0; filled < length; ) {
        md5.reset();
        md5.update(previous);
        md5.update(password);
        md5.update(salt);
        previous = md5.digest();
        int n = Math.min(previous.length, length - filled);
        System.arraycopy(previous, 0, out, filled, n);
        filled += n;
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }
}
