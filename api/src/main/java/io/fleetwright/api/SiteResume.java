package io.fleetwright.api;

import io.fleetwright.site.SiteException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a site run continues after continue-as-new: the next batch to run and what the earlier runs
 * learned, so finished batches are never run again.
 *
 * @param levelIndex the index (from 0) of the level holding the next batch
 * @param batchIndex the index (from 0) of the next batch within that level
 * @param canaryDone whether the first batch has already run
 * @param approved whether the canary gate was approved
 * @param paused whether the run was paused when it continued
 * @param abortReason the abort reason received before it continued, or null
 * @param ran nodes whose run finished cleanly, in the order they finished
 * @param failed failed nodes and why, in the order they failed
 * @param skipped nodes skipped because a prerequisite failed
 */
public record SiteResume(
    int levelIndex,
    int batchIndex,
    boolean canaryDone,
    boolean approved,
    boolean paused,
    @org.jspecify.annotations.Nullable String abortReason,
    List<String> ran,
    Map<String, String> failed,
    List<String> skipped) {

  /** Checks the position and copies the collections, keeping the failure order. */
  public SiteResume {
    if (levelIndex < 0 || batchIndex < 0) {
      throw new SiteException(
          "a site run cannot resume at level index " + levelIndex + ", batch index " + batchIndex);
    }
    ran = List.copyOf(ran);
    failed = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(failed)));
    skipped = List.copyOf(skipped);
  }
}
