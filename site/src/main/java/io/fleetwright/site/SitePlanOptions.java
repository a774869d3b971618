package io.fleetwright.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What to plan of a site: the command-line choices that override the site file.
 *
 * @param instance plan only this application instance, e.g. {@code Lamp[app2]} (Choria's {@code
 *     --instance}); null plans every application
 * @param batch the batch schedule; null uses the site file's {@code policy.batch}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SitePlanOptions(@Nullable ResourceRef instance, @Nullable BatchSchedule batch) {

  /** Every application, batched as the site file says. */
  public static final SitePlanOptions DEFAULTS = new SitePlanOptions(null, null);
}
