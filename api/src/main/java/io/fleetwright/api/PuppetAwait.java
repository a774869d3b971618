package io.fleetwright.api;

import io.fleetwright.site.SiteException;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PuppetActivities#awaitRuns} waits for: every node's run, requested at {@code
 * initiatedAt}, to start within the start timeout and finish within the run timeout.
 *
 * @param initiatedAt per node, the {@code runonce} reply's {@code initiated_at} (epoch seconds); 0
 *     waits only until the node is idle
 * @param startTimeoutSeconds how long a run may take to start
 * @param runTimeoutSeconds how long a run may take once started
 * @param pollIntervalSeconds time between status polls
 * @param runTimeouts per node, a run timeout that overrides {@code runTimeoutSeconds} (the site
 *     file's {@code nodes.<node>.runTimeoutSeconds}); absent means {@code runTimeoutSeconds}
 */
public record PuppetAwait(
    Map<String, Long> initiatedAt,
    int startTimeoutSeconds,
    int runTimeoutSeconds,
    int pollIntervalSeconds,
    @Nullable Map<String, Integer> runTimeouts) {

  /**
   * Waits with one run timeout for every node.
   *
   * @param initiatedAt per node, the {@code runonce} reply's {@code initiated_at}
   * @param startTimeoutSeconds how long a run may take to start
   * @param runTimeoutSeconds how long a run may take once started
   * @param pollIntervalSeconds time between status polls
   */
  public PuppetAwait(
      Map<String, Long> initiatedAt,
      int startTimeoutSeconds,
      int runTimeoutSeconds,
      int pollIntervalSeconds) {
    this(initiatedAt, startTimeoutSeconds, runTimeoutSeconds, pollIntervalSeconds, Map.of());
  }

  /** Copies the maps and checks the durations are positive. */
  public PuppetAwait {
    initiatedAt = Map.copyOf(Objects.requireNonNull(initiatedAt, "initiatedAt"));
    runTimeouts = runTimeouts == null ? Map.of() : Map.copyOf(runTimeouts);
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

  /**
   * The run timeout of one node.
   *
   * @param node the node
   * @return its override, else {@code runTimeoutSeconds}
   */
  public int runTimeoutOf(String node) {
    Integer own = runTimeouts == null ? null : runTimeouts.get(node);
    return own != null ? own : runTimeoutSeconds;
  }
}
