package io.fleetwright.fleet.internal;

/**
 * Formats whole seconds as Go's {@code time.Duration.String()} does ({@code 2s}, {@code 1m5s},
 * {@code 1h0m0s}).
 */
public final class GoDuration {
  private GoDuration() {}

  /** Formats {@code seconds}. */
  public static String seconds(long seconds) {
    if (seconds == 0) {
      return "0s";
    }
    long s = Math.abs(seconds);
    String sign = seconds < 0 ? "-" : "";
    if (s < 60) {
      return sign + s + "s";
    }
    if (s < 3600) {
      return sign + (s / 60) + "m" + (s % 60) + "s";
    }
    return sign + (s / 3600) + "h" + (s % 3600 / 60) + "m" + (s % 60) + "s";
  }
}
