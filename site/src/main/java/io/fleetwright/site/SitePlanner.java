package io.fleetwright.site;

import io.fleetwright.site.SitePlanException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Plans the run order of a site, as ORCHESTRATOR.md §1.5 and §6 describe, with Choria's quirks
 * fixed: pure and deterministic, so a workflow may call it.
 *
 * <ol>
 *   <li>Take the components of every application, or of the {@code instance} alone.
 *   <li>Node graph: an edge runs from node A to node B when a component on B consumes a capability
 *       produced on A, or requires a component on A. Edges from a node to itself are dropped.
 *   <li>Levels by Kahn's algorithm, each sorted by node name.
 *   <li>Each level split into batches by the {@link BatchSchedule}.
 * </ol>
 *
 * <p>Planning fails with a {@link SitePlanException} that names the nodes, components and
 * capabilities involved when a consumed capability has no producer, when the instance depends on an
 * application left out, or when the node graph has a cycle.
 */
public final class SitePlanner {

  private SitePlanner() {}

  /** Plans every application, batched as the site's policy says. */
  public static SitePlan plan(SiteFile site) {
    return plan(site, SitePlanOptions.DEFAULTS);
  }

  /** Plans the site with the command line's instance filter and batch schedule, if any. */
  public static SitePlan plan(SiteFile site, SitePlanOptions options) {
    ResourceRef instance = options.instance();
    if (instance != null && !site.applications().containsKey(instance)) {
      throw new SitePlanException(
          Reason.UNKNOWN_INSTANCE,
          List.of(),
          "instance "
              + instance
              + " is not an application of this site; choose one of "
              + String.join(
                  ", ",
                  site.applications().keySet().stream()
                      .sorted()
                      .map(ResourceRef::toString)
                      .toList()));
    }
    List<PlacedComponent> planned = new ArrayList<>();
    List<PlacedComponent> outside = new ArrayList<>();
    place(site, instance, planned, outside);
    BatchSchedule batch = options.batch() != null ? options.batch() : site.policy().batch();
    List<List<String>> groups = SiteGraph.build(planned, outside).levels();
    List<SitePlan.Level> levels = new ArrayList<>(groups.size());
    for (List<String> nodes : groups) {
      levels.add(new SitePlan.Level(levels.size() + 1, nodes, batches(nodes, batch)));
    }
    List<ResourceRef> applications =
        instance != null
            ? List.of(instance)
            : site.applications().keySet().stream().sorted().toList();
    return new SitePlan(
        site.environment(), instance, applications, batch, levels, nodeComponents(planned));
  }

  /**
   * Returns, for every planned node with dependencies, the nodes it depends on directly: what a
   * site run needs to skip the dependents of a failed node.
   *
   * @param site the site
   * @param options the instance filter (the batch schedule is ignored)
   * @return node to its direct prerequisites, sorted
   */
  public static Map<String, List<String>> prerequisites(SiteFile site, SitePlanOptions options) {
    ResourceRef instance = options.instance();
    List<PlacedComponent> planned = new ArrayList<>();
    List<PlacedComponent> outside = new ArrayList<>();
    place(site, instance, planned, outside);
    return SiteGraph.build(planned, outside).prerequisites();
  }

  private static void place(
      SiteFile site,
      ResourceRef instance,
      List<PlacedComponent> planned,
      List<PlacedComponent> outside) {
    for (Map.Entry<ResourceRef, SiteApplication> app : site.applications().entrySet()) {
      boolean included = instance == null || instance.equals(app.getKey());
      app.getValue()
          .components()
          .forEach(
              (ref, component) ->
                  (included ? planned : outside)
                      .add(new PlacedComponent(app.getKey(), ref, component)));
    }
  }

  /**
   * Splits a sorted level into consecutive batches of the sizes the schedule gives.
   *
   * @param nodes the level's nodes, sorted
   * @param schedule the batch schedule
   * @return the batches in run order
   */
  public static List<List<String>> batches(List<String> nodes, BatchSchedule schedule) {
    List<List<String>> batches = new ArrayList<>();
    int start = 0;
    for (int size : schedule.sizes(nodes.size())) {
      batches.add(nodes.subList(start, start + size));
      start += size;
    }
    return batches;
  }

  private static SortedMap<String, SortedMap<ResourceRef, List<ResourceRef>>> nodeComponents(
      List<PlacedComponent> planned) {
    SortedMap<String, SortedMap<ResourceRef, List<ResourceRef>>> byNode = new TreeMap<>();
    for (PlacedComponent placed : planned) {
      byNode
          .computeIfAbsent(placed.node(), node -> new TreeMap<>())
          .computeIfAbsent(placed.app(), app -> new ArrayList<>())
          .add(placed.ref());
    }
    byNode.values().forEach(apps -> apps.values().forEach(refs -> refs.sort(null)));
    return byNode;
  }
}
