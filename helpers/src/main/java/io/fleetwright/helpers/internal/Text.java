package io.fleetwright.helpers.internal;

import java.util.regex.Pattern;

/** Small text helpers for error messages: tails, one-line previews and secret redaction. */
public final class Text {
  private static final Pattern PRIVATE_KEY =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)",
          Pattern.DOTALL);
  private static final Pattern TOKEN =
      Pattern.compile("(\"(?:cht|token|key|password|chpwd)\"\\s*:\\s*\")[^\"]*\"");

  private Text() {}

  /**
   * The last {@code max} characters of {@code text}, secrets redacted, prefixed with "..." when
   * cut; {@code "(empty)"} for empty text.
   *
   * @param text any text
   * @param max the number of characters to keep
   * @return the tail
   */
  public static String tail(String text, int max) {
    String clean = redact(text).strip();
    if (clean.isEmpty()) {
      return "(empty)";
    }
    return clean.length() <= max ? clean : "..." + clean.substring(clean.length() - max);
  }

  /**
   * Replaces PEM private keys and token-like JSON members with placeholders, so that error messages
   * and logs never carry them.
   *
   * @param text any text
   * @return the redacted text
   */
  public static String redact(String text) {
    String noKeys = PRIVATE_KEY.matcher(text).replaceAll("[private key redacted]");
    return TOKEN.matcher(noKeys).replaceAll("$1[redacted]\"");
  }

  /**
   * A short preview of a value for messages: at most {@code max} characters on one line.
   *
   * @param text any text
   * @param max the number of characters to keep
   * @return the preview
   */
  public static String preview(String text, int max) {
    String oneLine = text.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
  }
}
