package io.fleetwright.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LargeSitePlanTest {

  @Test
  void aTenThousandNodeSiteOfTenLayersPlansIntoTenSortedLevelsOfAThousand() {
    GeneratedSite generated = GeneratedSite.layered(10_000, 10, 7);

    SitePlan plan = SitePlanner.plan(generated.site());

    assertEquals(10_000, plan.nodeCount());
    assertEquals(
        List.of(1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000),
        plan.groups().stream().map(List::size).toList());
    Map<String, Integer> planned = new HashMap<>();
    for (SitePlan.Level level : plan.levels()) {
      List<String> nodes = level.nodes();
      for (int i = 1; i < nodes.size(); i++) {
        String before = nodes.get(i - 1);
        String after = nodes.get(i);
        assertTrue(
            before.compareTo(after) < 0,
            () -> "level " + level.level() + " is not sorted: " + before + " before " + after);
      }
      level.nodes().forEach(node -> planned.put(node, level.level()));
    }
    assertEquals(generated.levelOf(), planned);
  }

  @Test
  void everyEdgeOfTheLargeSiteRunsFromAnEarlierLevelToALaterOne() {
    GeneratedSite generated = GeneratedSite.layered(10_000, 10, 11);
    SitePlan plan = SitePlanner.plan(generated.site());
    Map<String, Integer> levelOf = new HashMap<>();
    plan.levels().forEach(level -> level.nodes().forEach(n -> levelOf.put(n, level.level())));
    Map<ResourceRef, String> producerNode = new HashMap<>();
    Map<ResourceRef, String> componentNode = new HashMap<>();
    List<SiteComponent> all = new ArrayList<>();
    generated
        .site()
        .applications()
        .values()
        .forEach(
            app ->
                app.components()
                    .forEach(
                        (ref, c) -> {
                          componentNode.put(ref, c.node());
                          c.produces().forEach(k -> producerNode.put(k, c.node()));
                          all.add(c);
                        }));

    int edges = 0;
    for (SiteComponent c : all) {
      List<String> before = new ArrayList<>();
      c.consumes().forEach(k -> before.add(producerNode.get(k)));
      c.requires().forEach(r -> before.add(componentNode.get(r)));
      for (String from : before) {
        if (!from.equals(c.node())) {
          edges++;
          assertTrue(
              levelOf.get(from) < levelOf.get(c.node()),
              from + " (level " + levelOf.get(from) + ") must run before " + c.node());
        }
      }
    }
    assertTrue(edges > 20_000, "the generated site should be dense, found " + edges + " edges");
  }
}
