package io.fleetwright.site;

import io.fleetwright.site.SitePlanException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Finds one cycle among the nodes Kahn's algorithm could not order and explains each edge. */
final class CycleReport {

  private final List<PlacedComponent> planned;
  private final String[] names;
  private final long[] edges;

  CycleReport(List<PlacedComponent> planned, String[] names, long[] edges) {
    this.planned = planned;
    this.names = names;
    this.edges = edges;
  }

  /**
   * Builds the failure for a graph whose unordered nodes still wait on others.
   *
   * @param waitingOn per node, how many unordered nodes it still waits on; above 0 exactly for the
   *     nodes that could not be ordered
   * @param unordered how many nodes could not be ordered
   */
  SitePlanException failure(int[] waitingOn, int unordered) {
    List<Integer> cycle = findCycle(waitingOn);
    List<String> nodes = cycle.stream().map(i -> names[i]).toList();
    StringBuilder message = new StringBuilder("cannot order the site: nodes ");
    message.append(String.join(" -> ", nodes)).append(" -> ").append(nodes.get(0));
    message.append(" form a dependency cycle; each arrow means the first node must run before");
    message.append(" the second:");
    for (int i = 0; i < nodes.size(); i++) {
      String from = nodes.get(i);
      String to = nodes.get((i + 1) % nodes.size());
      message.append("\n  ").append(from).append(" -> ").append(to).append(": ");
      message.append(String.join("; ", reasons(from, to)));
    }
    if (unordered > nodes.size()) {
      message.append("\n").append(unordered - nodes.size());
      message.append(" more node(s) wait on this cycle.");
    }
    message.append("\nPuppet applies all of a node's components in one run, so a node cannot run");
    message.append(" both before and after another. Move one of these components to another node");
    message.append(" to break the cycle, or plan one application at a time with --instance.");
    return new SitePlanException(Reason.CYCLE, nodes, message.toString());
  }

  /** Walks back from the first unordered node through unordered predecessors until one repeats. */
  private List<Integer> findCycle(int[] waitingOn) {
    int[][] predecessors = predecessors();
    int[] seenAt = new int[names.length];
    Arrays.fill(seenAt, -1);
    List<Integer> path = new ArrayList<>();
    int node = 0;
    while (waitingOn[node] == 0) {
      node++;
    }
    while (seenAt[node] < 0) {
      seenAt[node] = path.size();
      path.add(node);
      node = firstUnordered(predecessors[node], waitingOn);
    }
    // The path runs backwards (each node's predecessor follows it); run order is the reverse.
    List<Integer> cycle = new ArrayList<>(path.subList(seenAt[node], path.size()));
    Collections.reverse(cycle);
    Collections.rotate(cycle, -cycle.indexOf(Collections.min(cycle)));
    return cycle;
  }

  private static int firstUnordered(int[] candidates, int[] waitingOn) {
    for (int candidate : candidates) {
      if (waitingOn[candidate] > 0) {
        return candidate;
      }
    }
    throw new IllegalStateException("an unordered node has no unordered predecessor");
  }

  private int[][] predecessors() {
    int[] counts = new int[names.length];
    for (long edge : edges) {
      counts[SiteGraph.to(edge)]++;
    }
    int[][] predecessors = new int[names.length][];
    for (int i = 0; i < names.length; i++) {
      predecessors[i] = new int[counts[i]];
      counts[i] = 0;
    }
    // Edges are sorted by source, so each list of predecessors comes out sorted too.
    for (long edge : edges) {
      int to = SiteGraph.to(edge);
      predecessors[to][counts[to]++] = SiteGraph.from(edge);
    }
    return predecessors;
  }

  /** Why {@code to} must wait for {@code from}: the capabilities and requires between them. */
  private List<String> reasons(String from, String to) {
    Map<ResourceRef, PlacedComponent> producers = SiteGraph.producers(planned);
    Map<ResourceRef, PlacedComponent> byRef = SiteGraph.byRef(planned);
    TreeSet<String> reasons = new TreeSet<>();
    for (PlacedComponent consumer : planned) {
      if (!consumer.node().equals(to)) {
        continue;
      }
      for (ResourceRef capability : consumer.component().consumes()) {
        PlacedComponent producer = producers.get(capability);
        if (producer != null && producer.node().equals(from)) {
          reasons.add(
              capability
                  + " (produced by "
                  + producer.ref()
                  + ", consumed by "
                  + consumer.ref()
                  + ")");
        }
      }
      for (ResourceRef required : consumer.component().requires()) {
        PlacedComponent before = byRef.get(required);
        if (before != null && before.node().equals(from)) {
          reasons.add(consumer.ref() + " requires " + required);
        }
      }
    }
    return List.copyOf(reasons);
  }
}
