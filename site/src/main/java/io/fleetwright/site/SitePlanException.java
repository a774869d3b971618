package io.fleetwright.site;

import java.util.List;
import java.util.Objects;

/**
 * A site file is valid but cannot be planned: its node graph has a cycle, a consumed capability has
 * no producer, or the instance filter names no application. The message lists the nodes, components
 * and capabilities involved and the fix.
 */
public final class SitePlanException extends SiteException {

  private static final long serialVersionUID = 1L;

  /** Why the plan failed. */
  public enum Reason {
    /** Nodes depend on each other in a circle; {@link #cycle()} lists them. */
    CYCLE,
    /** A component consumes a capability that no component produces. */
    MISSING_PRODUCER,
    /** A planned component depends on a component of an application the filter leaves out. */
    FILTERED_OUT,
    /** The instance filter names no application of the site. */
    UNKNOWN_INSTANCE
  }

  private final Reason reason;
  private final List<String> cycle;

  /**
   * Creates the exception.
   *
   * @param reason why the plan failed
   * @param cycle the nodes of the cycle in dependency order, each running before the next and the
   *     last before the first; empty unless {@code reason} is {@link Reason#CYCLE}
   * @param message the nodes, components and capabilities involved, and the fix
   */
  public SitePlanException(Reason reason, List<String> cycle, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.cycle = List.copyOf(cycle);
  }

  /** Why the plan failed. */
  public Reason reason() {
    return reason;
  }

  /**
   * The nodes of the cycle in dependency order, each needing to run before the next and the last
   * before the first; empty unless {@link #reason()} is {@link Reason#CYCLE}.
   */
  public List<String> cycle() {
    return cycle;
  }
}
