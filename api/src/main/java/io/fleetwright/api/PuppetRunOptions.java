package io.fleetwright.api;

import io.fleetwright.site.SitePolicy;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code puppet#runonce} inputs a site run passes: always {@code force} (no splay), plus these.
 *
 * @param noop run with {@code --noop}
 * @param environment the pinned Puppet environment, or null for each node's own
 * @param tags the {@code tags} input, joined with commas; empty for none
 * @param skipTags the {@code skip_tags} input; empty for none
 */
public record PuppetRunOptions(
    boolean noop, @Nullable String environment, List<String> tags, List<String> skipTags) {

  /** Copies the lists. */
  public PuppetRunOptions {
    tags = List.copyOf(tags);
    skipTags = List.copyOf(skipTags);
  }

  /**
   * The runonce options of a site policy.
   *
   * @param policy the policy
   * @return its noop, environment and tags
   */
  public static PuppetRunOptions of(SitePolicy policy) {
    return new PuppetRunOptions(
        policy.noop(), policy.environment(), policy.tags(), policy.skipTags());
  }
}
