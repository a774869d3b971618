package io.fleetwright.api;

import java.time.Duration;

/**
 * How a node whose helper answered {@code defer} is retried: a durable timer with exponential
 * back-off and jitter. The Go provisioner instead retries at its next discovery ({@code interval},
 * default one minute) for ever; here the number of attempts is bounded so the history stays small.
 *
 * @param initialDelay wait after the first deferral
 * @param maxDelay cap of the wait before jitter
 * @param multiplier factor between consecutive waits, at least 1
 * @param jitter fraction in [0, 1) by which each wait is randomly shortened or lengthened
 * @param maxAttempts provisioning attempts in total (the first one included); when the helper
 *     defers on the last one the node is FAILED with the helper's message. At most {@value
 *     #MAX_ATTEMPTS_LIMIT}.
 */
public record DeferPolicy(
    Duration initialDelay, Duration maxDelay, double multiplier, double jitter, int maxAttempts) {

  /**
   * Upper bound of {@code maxAttempts}; about 20 history events per deferral (32 with the jwt
   * feature) keep a node below Temporal's 10,240-event warning.
   */
  public static final int MAX_ATTEMPTS_LIMIT = 200;

  /** 1 minute, doubling up to 30 minutes, ±20 %, 100 attempts (about two days). */
  public static final DeferPolicy DEFAULT =
      new DeferPolicy(Duration.ofMinutes(1), Duration.ofMinutes(30), 2.0, 0.2, 100);

  /** Validates the policy; messages name the field and an example value. */
  public DeferPolicy {
    Checks.positive(initialDelay, "defer.initialDelay");
    Checks.positive(maxDelay, "defer.maxDelay");
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "defer.maxDelay (%s) must not be shorter than defer.initialDelay (%s)"
              .formatted(maxDelay, initialDelay));
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException(
          "defer.multiplier must be a finite number of at least 1, e.g. 2.0; got " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException(
          "defer.jitter must be in [0, 1), e.g. 0.2 for ±20 %; got " + jitter);
    }
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw new IllegalArgumentException(
          "defer.maxAttempts must be between 1 and %d, e.g. 100; got %d"
              .formatted(MAX_ATTEMPTS_LIMIT, maxAttempts));
    }
  }

  /**
   * Returns the wait after the {@code deferral}-th deferral: {@code min(maxDelay, initialDelay *
   * multiplier^(deferral-1))}, scaled by {@code 1 + jitter * (2 * unitRandom - 1)}. Pure, so the
   * workflow passes a value from {@code Workflow.newRandom()}.
   *
   * @param deferral 1 for the first deferral
   * @param unitRandom a value in [0, 1)
   */
  public Duration delayAfter(int deferral, double unitRandom) {
    if (deferral < 1) {
      throw new IllegalArgumentException("deferral must be at least 1, got " + deferral);
    }
    double base = initialDelay.toMillis() * Math.pow(multiplier, deferral - 1.0);
    double capped = Math.min(base, maxDelay.toMillis());
    double scaled = capped * (1.0 + jitter * (2.0 * unitRandom - 1.0));
    return Duration.ofMillis(Math.max(1L, Math.round(scaled)));
  }
}
