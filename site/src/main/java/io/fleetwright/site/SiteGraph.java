package io.fleetwright.site;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node-level dependency graph of the planned components, and its levels by Kahn's algorithm.
 * Nodes are numbered in sorted name order, so walking numbers in order is walking names in order.
 */
final class SiteGraph {

  private final List<PlacedComponent> planned;
  private final String[] names;
  private final long[] edges;
  private final int[] successorStart;
  private final int[] successors;

  private SiteGraph(List<PlacedComponent> planned, String[] names, long[] edges) {
    this.planned = planned;
    this.names = names;
    this.edges = edges;
    this.successorStart = new int[names.length + 1];
    this.successors = new int[edges.length];
    for (long edge : edges) {
      successorStart[from(edge) + 1]++;
    }
    for (int i = 0; i < names.length; i++) {
      successorStart[i + 1] += successorStart[i];
    }
    for (int i = 0; i < edges.length; i++) {
      successors[i] = to(edges[i]);
    }
  }

  /**
   * Builds the graph: an edge runs from the node of a producer (or a required component) to the
   * node of its consumer (or the requiring component); edges within one node are dropped.
   *
   * @param planned the components to plan
   * @param outside the components of the site that the instance filter leaves out
   * @throws SitePlanException when a consumed capability or required component is not planned
   */
  static SiteGraph build(List<PlacedComponent> planned, List<PlacedComponent> outside) {
    String[] names =
        planned.stream().map(PlacedComponent::node).distinct().sorted().toArray(String[]::new);
    Map<String, Integer> index = new HashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      index.put(names[i], i);
    }
    Map<ResourceRef, PlacedComponent> producers = producers(planned);
    Map<ResourceRef, PlacedComponent> byRef = byRef(planned);
    UnplannedDependencies unplanned = new UnplannedDependencies(outside);
    Edges edges = new Edges();
    for (PlacedComponent consumer : planned) {
      int to = index.get(consumer.node());
      for (ResourceRef capability : consumer.component().consumes()) {
        PlacedComponent producer = producers.get(capability);
        if (producer == null) {
          unplanned.consumed(consumer, capability);
        } else {
          edges.add(index.get(producer.node()), to);
        }
      }
      for (ResourceRef required : consumer.component().requires()) {
        PlacedComponent before = byRef.get(required);
        if (before == null) {
          unplanned.required(consumer, required);
        } else {
          edges.add(index.get(before.node()), to);
        }
      }
    }
    unplanned.throwIfAny();
    return new SiteGraph(planned, names, edges.sortedUnique());
  }

  /**
   * Splits the nodes into levels: level 1 is every node without dependencies, each later level
   * every node whose dependencies all ran in earlier levels. Nodes in a level are sorted.
   *
   * @throws SitePlanException naming a cycle when some nodes can never run
   */
  List<List<String>> levels() {
    int[] waitingOn = new int[names.length];
    for (long edge : edges) {
      waitingOn[to(edge)]++;
    }
    int[] frontier = new int[names.length];
    int size = 0;
    for (int node = 0; node < names.length; node++) {
      if (waitingOn[node] == 0) {
        frontier[size++] = node;
      }
    }
    List<List<String>> levels = new ArrayList<>();
    int ordered = 0;
    int[] next = new int[names.length];
    while (size > 0) {
      List<String> level = new ArrayList<>(size);
      int nextSize = 0;
      for (int i = 0; i < size; i++) {
        int node = frontier[i];
        level.add(names[node]);
        for (int s = successorStart[node]; s < successorStart[node + 1]; s++) {
          if (--waitingOn[successors[s]] == 0) {
            next[nextSize++] = successors[s];
          }
        }
      }
      levels.add(level);
      ordered += size;
      Arrays.sort(next, 0, nextSize);
      int[] swap = frontier;
      frontier = next;
      next = swap;
      size = nextSize;
    }
    if (ordered < names.length) {
      throw new CycleReport(planned, names, edges).failure(waitingOn, names.length - ordered);
    }
    return levels;
  }

  /** Returns every node with dependencies, mapped to the nodes it depends on directly, sorted. */
  Map<String, List<String>> prerequisites() {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    for (long edge : edges) {
      out.computeIfAbsent(names[to(edge)], k -> new ArrayList<>()).add(names[from(edge)]);
    }
    out.replaceAll((k, v) -> v.stream().sorted().toList());
    return out;
  }

  static long edge(int from, int to) {
    return ((long) from << 32) | to;
  }

  static int from(long edge) {
    return (int) (edge >>> 32);
  }

  static int to(long edge) {
    return (int) edge;
  }

  static Map<ResourceRef, PlacedComponent> producers(List<PlacedComponent> components) {
    Map<ResourceRef, PlacedComponent> producers = new HashMap<>();
    for (PlacedComponent placed : components) {
      for (ResourceRef capability : placed.component().produces()) {
        producers.put(capability, placed);
      }
    }
    return producers;
  }

  static Map<ResourceRef, PlacedComponent> byRef(List<PlacedComponent> components) {
    Map<ResourceRef, PlacedComponent> byRef = new HashMap<>(components.size() * 2);
    for (PlacedComponent placed : components) {
      byRef.put(placed.ref(), placed);
    }
    return byRef;
  }

  /** A growing list of packed edges that skips edges from a node to itself. */
  private static final class Edges {
    private long[] edges = new long[64];
    private int count;

    void add(int from, int to) {
      if (from == to) {
        return;
      }
      if (count == edges.length) {
        edges = Arrays.copyOf(edges, count * 2);
      }
      edges[count++] = edge(from, to);
    }

    long[] sortedUnique() {
      long[] sorted = Arrays.copyOf(edges, count);
      Arrays.sort(sorted);
      int kept = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1]) {
          sorted[kept++] = sorted[i];
        }
      }
      return Arrays.copyOf(sorted, kept);
    }
  }
}
