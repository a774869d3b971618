package io.fleetwright.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static summaries that starters set with {@code WorkflowOptions.setStaticSummary} so the Temporal
 * Web UI lists workflows readably. Temporal limits a summary to 200 bytes; these stay well below.
 */
public final class WorkflowSummaries {
  /** Summary of the fleet control workflow. */
  public static final String CONTROL = "fleet-wide pause switch of the provisioner";

  private static final int MAX_SUMMARY = 200;
  private static final Pattern SOURCE = Pattern.compile("(?:\\(|, )via ([a-z]+)\\)$");

  private WorkflowSummaries() {}

  /**
   * Returns the summary of a node's workflow: {@code provision <identity> (site <site>)}, or {@code
   * provision <identity>} when the site is blank.
   */
  public static String node(String identity, String site) {
    return node(identity, site, "");
  }

  /**
   * Returns the summary of a node's workflow with what found it: {@code provision <identity> (site
   * <site>, via <source>)}, {@code provision <identity> (via <source>)} without a site; without a
   * source as {@link #node(String, String)}.
   *
   * @param source {@code lifecycle}, {@code registration}, {@code broadcast}, {@code cli}, or empty
   */
  public static String node(String identity, String site, String source) {
    boolean hasSite = site != null && !site.isBlank();
    boolean hasSource = source != null && !source.isBlank();
    String summary = "provision " + identity;
    if (hasSite && hasSource) {
      summary += " (site %s, via %s)".formatted(site, source);
    } else if (hasSite) {
      summary += " (site %s)".formatted(site);
    } else if (hasSource) {
      summary += " (via %s)".formatted(source);
    }
    return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY);
  }

  /**
   * Returns what found a node, read back from its workflow's summary; empty for runs started before
   * summaries named it.
   *
   * @param summary the static summary, e.g. {@code provision n1 (site lab, via lifecycle)}
   */
  public static Optional<String> source(String summary) {
    if (summary == null) {
      return Optional.empty();
    }
    Matcher m = SOURCE.matcher(summary);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
