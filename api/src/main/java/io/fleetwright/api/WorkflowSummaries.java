package io.fleetwright.api;

/**
 * Static summaries that starters set with {@code WorkflowOptions.setStaticSummary} so the Temporal
 * Web UI lists workflows readably. Temporal limits a summary to 200 bytes; these stay well below.
 */
public final class WorkflowSummaries {
  /** Summary of the fleet control workflow. */
  public static final String CONTROL = "fleet-wide pause switch of the provisioner";

  private static final int MAX_SUMMARY = 200;

  private WorkflowSummaries() {}

  /**
   * Returns the summary of a node's workflow: {@code provision <identity> (site <site>)}, or {@code
   * provision <identity>} when the site is blank.
   */
  public static String node(String identity, String site) {
    String summary =
        site == null || site.isBlank()
            ? "provision " + identity
            : "provision %s (site %s)".formatted(identity, site);
    return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY);
  }
}
