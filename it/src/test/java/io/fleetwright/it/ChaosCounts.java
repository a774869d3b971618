package io.fleetwright.it;

import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the emulated fleet applied, counted per node at the end of a fault: the three figures every
 * chaos result line carries.
 *
 * @param lost nodes not PROVISIONED, never configured, or configured with two different
 *     configurations
 * @param configuredTwice nodes whose {@code configure} took effect more than once (same settings or
 *     not)
 * @param restartedTwice nodes that accepted {@code restart} more than once
 * @param examples a few of the nodes counted, with what they applied, for the failure message
 */
record ChaosCounts(int lost, int configuredTwice, int restartedTwice, List<String> examples) {
  private static final int EXAMPLES = 5;

  ChaosCounts {
    examples = List.copyOf(examples);
  }

  /** Counts every node of {@code fleet} now. */
  static ChaosCounts of(Fleet fleet) {
    return of(fleet.nodes());
  }

  /** Counts the nodes of {@code fleet} named in {@code identities} now. */
  static ChaosCounts of(Fleet fleet, Set<String> identities) {
    return of(fleet.nodes(n -> identities.contains(n.identity())));
  }

  /** Counts {@code nodes} now. */
  static ChaosCounts of(List<FleetNode> nodes) {
    List<String> examples = new ArrayList<>();
    int lost = count(nodes, ChaosCounts::lost, "lost", examples);
    int configured = count(nodes, n -> n.configureCount() > 1, "configured twice", examples);
    int restarted = count(nodes, n -> n.restartCount() > 1, "restarted twice", examples);
    return new ChaosCounts(lost, configured, restarted, examples);
  }

  /** True when no node was lost, configured twice or restarted twice. */
  boolean clean() {
    return lost == 0 && configuredTwice == 0 && restartedTwice == 0;
  }

  private static boolean lost(FleetNode node) {
    return node.mode() != NodeMode.PROVISIONED
        || node.configureHistory().isEmpty()
        || new HashSet<>(node.configureHistory()).size() != 1;
  }

  private static int count(
      List<FleetNode> nodes, Predicate<FleetNode> counted, String what, List<String> examples) {
    int count = 0;
    int shown = 0;
    for (FleetNode node : nodes) {
      if (counted.test(node)) {
        count++;
        if (shown++ < EXAMPLES) {
          examples.add(
              "%s %s (%s, %d configures, %d restarts)"
                  .formatted(
                      node.identity(),
                      what,
                      node.mode(),
                      node.configureCount(),
                      node.restartCount()));
        }
      }
    }
    return count;
  }

  @Override
  public String toString() {
    return "nodes lost %d, configured twice %d, restarted twice %d%s"
        .formatted(
            lost, configuredTwice, restartedTwice, examples.isEmpty() ? "" : ": " + examples);
  }
}
