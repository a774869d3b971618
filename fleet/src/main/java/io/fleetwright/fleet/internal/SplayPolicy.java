package io.fleetwright.fleet.internal;

import java.time.Duration;

/**
 * Turns the splay a real server would wait into the time the emulator waits: multiplied by {@code
 * scale}, then capped at {@code max}. Tests and demos shrink it; the reply text keeps the real
 * value.
 */
public record SplayPolicy(double scale, Duration max) {
  /** The real thing: full splay, no cap. */
  public static final SplayPolicy REAL = new SplayPolicy(1.0, Duration.ofDays(1));

  /** Validates the values. */
  public SplayPolicy {
    if (!(scale >= 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("splayScale must be a finite number >= 0, got " + scale);
    }
    if (max.isNegative()) {
      throw new IllegalArgumentException("maxSplay must not be negative, got " + max);
    }
  }

  /** Returns the wait for a real splay of {@code seconds}. */
  public Duration apply(long seconds) {
    Duration scaled = Duration.ofMillis(Math.round(seconds * 1000 * scale));
    return scaled.compareTo(max) > 0 ? max : scaled;
  }
}
