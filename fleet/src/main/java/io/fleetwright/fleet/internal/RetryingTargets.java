package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.FleetException;
import io.fleetwright.fleet.TargetResolver;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries another resolver with exponential back-off until it finds brokers, like Choria's
 * provisioning-target loop. Interrupting the calling thread ends the wait with a {@link
 * FleetException} and keeps the interrupt flag set.
 */
public final class RetryingTargets implements TargetResolver {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingTargets.class);

  /** Sleeps; replaceable so tests can record the back-off without waiting. */
  @FunctionalInterface
  public interface Sleeper {
    /** Sleeps for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
  }

  private final TargetResolver delegate;
  private final Duration initial;
  private final Duration max;
  private final Sleeper sleeper;

  /** Creates the resolver; {@code initial} must be positive and not above {@code max}. */
  public RetryingTargets(TargetResolver delegate, Duration initial, Duration max, Sleeper sleeper) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    if (initial.isNegative() || initial.isZero() || initial.compareTo(max) > 0) {
      throw new FleetException(
          "resolver back-off: initial ("
              + initial
              + ") must be positive and not above max ("
              + max
              + ")");
    }
    this.initial = initial;
    this.max = max;
  }

  @Override
  public List<String> resolve() {
    Duration delay = initial;
    for (int attempt = 1; ; attempt++) {
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted(null);
      }
      try {
        return delegate.resolve();
      } catch (FleetException e) {
        LOG.warn(
            "No provisioning broker found via {} (attempt {}): {}; retrying in {}",
            delegate.describe(),
            attempt,
            e.getMessage(),
            delay);
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw interrupted(e);
        }
        delay = delay.multipliedBy(2).compareTo(max) > 0 ? max : delay.multipliedBy(2);
      }
    }
  }

  private FleetException interrupted(FleetException last) {
    return new FleetException(
        "Interrupted while looking for provisioning brokers via "
            + delegate.describe()
            + (last == null ? "" : "; last error: " + last.getMessage()),
        last);
  }

  @Override
  public String describe() {
    return delegate.describe() + " (retrying " + initial + ".." + max + ")";
  }
}
