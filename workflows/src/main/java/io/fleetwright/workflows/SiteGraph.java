package io.fleetwright.workflows;

import io.fleetwright.api.ResourceRef;
import io.fleetwright.api.SitePlanException;
import io.fleetwright.api.SitePlanException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The node-level dependency graph of the planned components, and its levels by Kahn's algorithm.
 * Nodes are numbered in sorted name order, so walking numbers in order is walking names in order.
 */
final class SiteGraph {

  private final List<PlacedComponent> planned;
  private final String[] names;
  private final Map<String, Integer> index;
  private final long[] edges;
  private final int[] successorStart;
  private final int[] successors;

  private SiteGraph(List<PlacedComponent> planned, String[] names, long[] edges) {
    this.planned = planned;
    this.names = names;
    this.index = new HashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      index.put(names[i], i);
    }
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
    Unplanned unplanned = new Unplanned(outside);
    long[] edges = new long[16];
    int count = 0;
    for (PlacedComponent consumer : planned) {
      int to = index.get(consumer.node());
      for (ResourceRef capability : consumer.component().consumes()) {
        PlacedComponent producer = producers.get(capability);
        if (producer == null) {
          unplanned.consumed(consumer, capability);
          continue;
        }
        int from = index.get(producer.node());
        if (from != to) {
          edges = grow(edges, count);
          edges[count++] = edge(from, to);
        }
      }
      for (ResourceRef required : consumer.component().requires()) {
        PlacedComponent before = byRef.get(required);
        if (before == null) {
          unplanned.required(consumer, required);
          continue;
        }
        int from = index.get(before.node());
        if (from != to) {
          edges = grow(edges, count);
          edges[count++] = edge(from, to);
        }
      }
    }
    unplanned.throwIfAny();
    long[] sorted = Arrays.copyOf(edges, count);
    Arrays.sort(sorted);
    return new SiteGraph(planned, names, unique(sorted));
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

  static long edge(int from, int to) {
    return ((long) from << 32) | to;
  }

  static int from(long edge) {
    return (int) (edge >>> 32);
  }

  static int to(long edge) {
    return (int) edge;
  }

  private static long[] grow(long[] edges, int count) {
    return count < edges.length ? edges : Arrays.copyOf(edges, edges.length * 2);
  }

  private static long[] unique(long[] sorted) {
    int kept = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[kept++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, kept);
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

  /** Collects dependencies on capabilities and components that are not planned. */
  private static final class Unplanned {
    private final Map<ResourceRef, PlacedComponent> outsideProducers;
    private final Map<ResourceRef, PlacedComponent> outsideComponents;
    private final TreeSet<String> missing = new TreeSet<>();
    private final TreeSet<String> filtered = new TreeSet<>();

    Unplanned(List<PlacedComponent> outside) {
      outsideProducers = producers(outside);
      outsideComponents = byRef(outside);
    }

    void consumed(PlacedComponent consumer, ResourceRef capability) {
      PlacedComponent producer = outsideProducers.get(capability);
      if (producer == null) {
        missing.add(capability + " is consumed by " + consumer + " but no component produces it");
      } else {
        filtered.add(capability + " is consumed by " + consumer + " but produced by " + producer);
      }
    }

    void required(PlacedComponent consumer, ResourceRef required) {
      filtered.add(consumer.ref() + " requires " + outsideComponents.get(required));
    }

    void throwIfAny() {
      if (!missing.isEmpty()) {
        throw new SitePlanException(
            Reason.MISSING_PRODUCER,
            List.of(),
            "cannot plan the site: "
                + (missing.size() == 1 ? "a consumed capability has" : "consumed capabilities have")
                + " no producer:\n  "
                + String.join("\n  ", missing)
                + "\nAdd each capability to the produces list of the component that provides it,"
                + " or remove it from consumes.");
      }
      if (!filtered.isEmpty()) {
        throw new SitePlanException(
            Reason.FILTERED_OUT,
            List.of(),
            "cannot plan the instance alone: it depends on applications the instance filter"
                + " leaves out:\n  "
                + String.join("\n  ", filtered)
                + "\nPlan without --instance, or plan the application it depends on first.");
      }
    }
  }
}
