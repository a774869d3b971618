package io.fleetwright.app.config;

import io.fleetwright.app.ConfigException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Choria-style durations: {@code 90s}, {@code 10m}, {@code 1h}, {@code 1d}, {@code 500ms},
 * {@code 1h30m}.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d|w|y)");

  private Durations() {}

  /**
   * Parses {@code text}; {@code key} names it in the error (a config key or a flag).
   *
   * @throws ConfigException when the text is not a duration
   */
  public static Duration parse(String key, String text) {
    String value = text.trim().toLowerCase(java.util.Locale.ROOT);
    Matcher m = PART.matcher(value);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      double amount = Double.parseDouble(m.group(1));
      long millis =
          switch (m.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            case "w" -> 7 * 86_400_000L;
            default -> 365 * 86_400_000L;
          };
      total = total.plusMillis(Math.round(amount * millis));
      end = m.end();
    }
    if (end == 0 || end != value.length()) {
      throw new ConfigException(
          key + ": '" + text + "' is not a duration; write it like 90s, 10m, 1h or 1d");
    }
    return total;
  }

  public static String format(Duration d) {
    if (d.toMillis() % 86_400_000L == 0 && d.toMillis() > 0) {
      return d.toDays() + "d";
    }
    if (d.toMillis() % 3_600_000L == 0 && d.toMillis() > 0) {
      return d.toHours() + "h";
    }
    if (d.toMillis() % 60_000L == 0 && d.toMillis() > 0) {
      return d.toMinutes() + "m";
    }
    if (d.toMillis() % 1000L == 0) {
      return d.toSeconds() + "s";
    }
    return d.toMillis() + "ms";
  }
}
