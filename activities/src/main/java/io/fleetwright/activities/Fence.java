package io.fleetwright.activities;

import io.fleetwright.api.FailureTypes;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The instant from which the requests of one activity attempt must no longer reach a node. The
 * server gives an attempt up at the earliest one heartbeat timeout after it started, and only then
 * starts the next one; requests that expire before that can never overlap the next attempt's.
 *
 * @param attempt the attempt number, 1-based
 * @param deadline when the attempt's requests expire
 * @param clock the worker's clock
 */
record Fence(int attempt, Instant deadline, Clock clock) {

  /** The fence of the running (non-local) activity attempt. */
  static Fence ofCurrentAttempt(Clock clock, Duration margin) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    Duration life =
        info.getHeartbeatTimeout().isZero()
            ? info.getStartToCloseTimeout()
            : min(info.getHeartbeatTimeout(), info.getStartToCloseTimeout());
    Instant started = Instant.ofEpochMilli(info.getStartedTimestamp());
    return new Fence(info.getAttempt(), started.plus(life).minus(margin), clock);
  }

  /** Throws a retryable {@code FENCE_PASSED} failure if a request sent now could arrive late. */
  void beforeSending(String identity, String rpc) {
    if (!clock.instant().isBefore(deadline)) {
      throw ApplicationFailure.newFailure(
          "attempt %d did not send %s to %s: its fence passed at %s (the worker was slow or"
              + " stalled); the next attempt asks the node what took effect first"
                  .formatted(attempt, rpc, identity, deadline),
          FailureTypes.FENCE_PASSED);
    }
  }

  /** Waits, heartbeating, until no request of this attempt can reach the node any more. */
  void waitPast() {
    Instant after = Instant.ofEpochSecond(deadline.getEpochSecond() + 1);
    Duration left = Duration.between(clock.instant(), after);
    if (!left.isNegative()) {
      waitFor(left);
    }
  }

  /** Waits, heartbeating about once a second. */
  void waitFor(Duration wait) {
    Instant until = clock.instant().plus(wait);
    while (true) {
      Duration left = Duration.between(clock.instant(), until);
      if (left.isNegative() || left.isZero()) {
        return;
      }
      Heartbeats.beat();
      sleep(min(left, Duration.ofSeconds(1)));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a node", e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
