package io.fleetwright.app.replay;

import org.jspecify.annotations.Nullable;

/**
 * One difference between the recorded decision and the new reply.
 *
 * @param key a configuration key, or a reply field such as {@code msg} or {@code sign_csr}
 * @param before the recorded value (masked when secret), or {@code null} when the new reply adds it
 * @param after the new value (masked when secret), or {@code null} when the new reply drops it
 */
public record Change(String key, @Nullable String before, @Nullable String after) {

  /** The change as one line: {@code key: "old" → "new"}, {@code key: added "v"}, ... */
  public String text() {
    if (before == null) {
      return key + ": added " + quote(after);
    }
    if (after == null) {
      return key + ": removed (was " + quote(before) + ")";
    }
    return key + ": " + quote(before) + " → " + quote(after);
  }

  private static String quote(@Nullable String value) {
    return value == null ? "-" : "\"" + value + "\"";
  }
}
