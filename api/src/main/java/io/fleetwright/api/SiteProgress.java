package io.fleetwright.api;

import java.util.List;
import java.util.Objects;

/**
 * A site run's progress, for the {@code progress} query.
 *
 * @param phase e.g. {@code checking}, {@code running}, {@code awaiting approval}, {@code paused},
 *     {@code succeeded}, {@code failed}
 * @param level the level being run, from 1; 0 before the first
 * @param levels how many levels the plan has
 * @param batch the batch being run within the level, from 1; 0 before the first
 * @param batches how many batches the level has
 * @param ran nodes whose run finished cleanly
 * @param failed nodes that failed
 * @param skipped nodes skipped
 * @param pending nodes not run yet
 * @param failedNodes the failed nodes with reasons (at most 100)
 */
public record SiteProgress(
    String phase,
    int level,
    int levels,
    int batch,
    int batches,
    int ran,
    int failed,
    int skipped,
    int pending,
    List<String> failedNodes) {

  /** Copies the list. */
  public SiteProgress {
    Objects.requireNonNull(phase, "phase");
    failedNodes = List.copyOf(failedNodes);
  }
}
