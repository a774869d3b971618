package io.fleetwright.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The run order of a site: node levels (Choria's "node groups"), each split into batches, and what
 * every node runs. Its JSON form is the one ORCHESTRATOR.md §6 gives for APIs and queries, plus the
 * instance filter, the planned applications and the batch schedule.
 *
 * @param environment the Puppet environment of the site file
 * @param instance the application instance planned alone, or null for every application
 * @param applications the planned applications, sorted
 * @param batch the batch schedule the levels were split with
 * @param levels the levels in run order; every node of a level runs after every node it depends on
 * @param nodeComponents for every planned node, sorted: its applications, sorted, each with its
 *     component references, sorted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"environment", "instance", "applications", "batch", "levels", "nodeComponents"})
public record SitePlan(
    String environment,
    @Nullable ResourceRef instance,
    List<ResourceRef> applications,
    BatchSchedule batch,
    List<Level> levels,
    SortedMap<String, SortedMap<ResourceRef, List<ResourceRef>>> nodeComponents) {

  /** Copies everything; maps end up sorted whatever order they came in. */
  public SitePlan {
    Objects.requireNonNull(environment, "environment");
    applications = List.copyOf(applications);
    Objects.requireNonNull(batch, "batch");
    levels = List.copyOf(levels);
    SortedMap<String, SortedMap<ResourceRef, List<ResourceRef>>> copy = new TreeMap<>();
    nodeComponents.forEach(
        (node, apps) -> {
          SortedMap<ResourceRef, List<ResourceRef>> sorted = new TreeMap<>();
          apps.forEach((app, refs) -> sorted.put(app, List.copyOf(refs)));
          copy.put(node, Collections.unmodifiableSortedMap(sorted));
        });
    nodeComponents = Collections.unmodifiableSortedMap(copy);
  }

  /** The node lists of the levels, in run order: Choria's node groups. */
  public List<List<String>> groups() {
    List<List<String>> groups = new ArrayList<>(levels.size());
    for (Level level : levels) {
      groups.add(level.nodes());
    }
    return groups;
  }

  /** The number of planned nodes. */
  public int nodeCount() {
    return nodeComponents.size();
  }

  /**
   * One level of the plan.
   *
   * @param level the level number, from 1
   * @param nodes the level's nodes, sorted
   * @param batches the nodes split into batches that run one after another, in order
   */
  public record Level(int level, List<String> nodes, List<List<String>> batches) {

    /** Copies the lists and checks that the batches hold exactly the nodes, in order. */
    public Level {
      if (level < 1) {
        throw new SiteException("level numbers start at 1, got " + level);
      }
      nodes = List.copyOf(nodes);
      batches = batches.stream().map(List::copyOf).toList();
      if (!batches.stream().flatMap(List::stream).toList().equals(nodes)) {
        throw new SiteException(
            "the batches of level " + level + " must hold its nodes in order: " + batches);
      }
    }
  }
}
