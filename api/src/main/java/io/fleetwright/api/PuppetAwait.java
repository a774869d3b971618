package io.fleetwright.api;

import io.fleetwright.site.SiteException;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link PuppetActivities#awaitRuns} waits for: every node's run, requested at {@code
 * initiatedAt}, to start within the start timeout and finish within the run timeout.
 *
 * @param initiatedAt per node, the {@code runonce} reply's {@code initiated_at} (epoch seconds); 0
 *     waits only until the node is idle
 * @param startTimeoutSeconds how long a run may take to start
 * @param runTimeoutSeconds how long a run may take once started
 * @param pollIntervalSeconds time between status polls
 */
public record PuppetAwait(
    Map<String, Long> initiatedAt,
    int startTimeoutSeconds,
    int runTimeoutSeconds,
    int pollIntervalSeconds) {

  /** Copies the map and checks the durations are positive. */
  public PuppetAwait {
    initiatedAt = Map.copyOf(Objects.requireNonNull(initiatedAt, "initiatedAt"));
    if (startTimeoutSeconds < 1 || runTimeoutSeconds < 1 || pollIntervalSeconds < 1) {
      throw new SiteException(
          "awaiting runs needs positive startTimeoutSeconds, runTimeoutSeconds and"
              + " pollIntervalSeconds, got "
              + startTimeoutSeconds
              + ", "
              + runTimeoutSeconds
              + ", "
              + pollIntervalSeconds);
    }
  }
}
