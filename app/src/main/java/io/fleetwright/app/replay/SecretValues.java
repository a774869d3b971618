package io.fleetwright.app.replay;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which values the replay must not print. The same words as the helper runtime's redaction of
 * helper output ({@code cht}, {@code token}, {@code password}, {@code chpwd}, private keys), plus
 * {@code secret} and {@code passphrase}, matched in the last part of a configuration key.
 */
final class SecretValues {
  static final String MASK = "[masked]";
  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(password|passwd|pwd|token|secret|passphrase|cht)$");

  private SecretValues() {}

  /** Whether the value of this key is a secret, or the value itself looks like a private key. */
  static boolean secret(String key, String value) {
    String last = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return SECRET_NAME.matcher(last).matches() || value.contains("PRIVATE KEY");
  }

  /** The value as it may be printed. */
  static String show(String key, String value) {
    return secret(key, value) ? MASK : value;
  }
}
