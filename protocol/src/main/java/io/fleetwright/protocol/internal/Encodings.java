package io.fleetwright.protocol.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Base64 and digest helpers that follow Go's standard library rules. */
public final class Encodings {

  private Encodings() {}

  /**
   * Decodes standard, padded base64 the way Go's {@code base64.StdEncoding} does: carriage returns
   * and line feeds are ignored, the length must be a multiple of four.
   *
   * @param text the base64 text
   * @return the decoded bytes
   * @throws IllegalArgumentException when the text is not standard padded base64
   */
  public static byte[] decodeBase64(String text) {
    String clean = text.indexOf('\r') < 0 && text.indexOf('\n') < 0 ? text : stripNewlines(text);
    if (clean.length() % 4 != 0) {
      throw new IllegalArgumentException(
          "length " + clean.length() + " is not a multiple of 4 (standard base64 is padded)");
    }
    return Base64.getDecoder().decode(clean);
  }

  /**
   * Tries {@link #decodeBase64(String)} and reports failure as empty.
   *
   * @param text the candidate base64 text
   * @return the decoded bytes, or empty when the text is not standard padded base64
   */
  public static Optional<byte[]> tryDecodeBase64(String text) {
    try {
      return Optional.of(decodeBase64(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Standard padded base64.
   *
   * @param bytes the bytes
   * @return the base64 text
   */
  public static String encodeBase64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Standard base64 of the SHA-256 of the UTF-8 bytes of a string.
   *
   * @param text the text to hash, already unescaped
   * @return the base64 digest
   */
  public static String sha256Base64(String text) {
    return encodeBase64(digest("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Lowercase hex of the MD5 of the UTF-8 bytes of a string.
   *
   * @param text the text to hash
   * @return 32 lowercase hex characters
   */
  public static String md5Hex(String text) {
    return HexFormat.of().formatHex(digest("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String stripNewlines(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\r' && c != '\n') {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm + " digest", e);
    }
  }
}
