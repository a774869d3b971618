package io.fleetwright.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Per-node settings of a site file (the {@code nodes} map, not part of Puppet's reply).
 *
 * @param runTimeoutSeconds overrides the policy's {@code runTimeoutSeconds} for this node; null
 *     means the policy's value
 * @param labels free-form metadata such as {@code role: db}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SiteNode(@Nullable Integer runTimeoutSeconds, Map<String, String> labels) {

  /** Validates the timeout and copies the labels. */
  public SiteNode {
    if (runTimeoutSeconds != null && runTimeoutSeconds < 1) {
      throw new SiteException(
          "runTimeoutSeconds is " + runTimeoutSeconds + "; use a number of seconds of 1 or more");
    }
    labels = SiteChecks.map(labels, "label", "give every label a value");
  }
}
