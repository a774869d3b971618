package io.fleetwright.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The fleet-wide pause switch.
 *
 * @param paused whether new and running node workflows should hold
 * @param since workflow time of the last change, or {@code null} if never changed
 * @param reason the reason given with the last change, possibly empty
 * @param by who made the last change, possibly empty
 */
public record FleetControlState(boolean paused, @Nullable Instant since, String reason, String by) {
  /** Not paused, never changed. */
  public static final FleetControlState INITIAL = new FleetControlState(false, null, "", "");

  /** Normalises missing values to empty. */
  public FleetControlState {
    reason = Checks.orEmpty(reason);
    by = Checks.orEmpty(by);
  }
}
