package io.fleetwright.site;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A large layered site for planner tests and the benchmark: every node of level L consumes a
 * capability of a node in level L-1, plus some from any earlier level, so it belongs to level L.
 * Node names are shuffled so that a level is not a run of consecutive names, and the components are
 * listed in random order.
 */
public record GeneratedSite(SiteFile site, Map<String, Integer> levelOf) {

  /** Returns a site of {@code nodes} nodes in {@code levels} levels, the same for the same seed. */
  public static GeneratedSite layered(int nodes, int levels, long seed) {
    Random random = new Random(seed);
    int perLevel = nodes / levels;
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < perLevel * levels; i++) {
      numbers.add(i);
    }
    Collections.shuffle(numbers, random);
    List<List<String>> byLevel = new ArrayList<>();
    Map<String, Integer> levelOf = new HashMap<>();
    List<String[]> entries = new ArrayList<>();
    for (int level = 0; level < levels; level++) {
      List<String> names = new ArrayList<>();
      for (int j = 0; j < perLevel; j++) {
        String name = String.format("node-%05d.example.net", numbers.get(level * perLevel + j));
        names.add(name);
        levelOf.put(name, level + 1);
      }
      byLevel.add(names);
    }
    Map<ResourceRef, Map<ResourceRef, SiteComponent>> apps = new LinkedHashMap<>();
    List<Runnable> adds = new ArrayList<>();
    for (int level = 0; level < levels; level++) {
      for (String node : byLevel.get(level)) {
        SiteComponent component = SiteComponent.on(node).producing(service(node));
        if (level > 0) {
          List<String> previous = byLevel.get(level - 1);
          component = component.consuming(service(previous.get(random.nextInt(perLevel))));
          for (int k = 0; k < 2; k++) {
            List<String> earlier = byLevel.get(random.nextInt(level));
            component = component.consuming(service(earlier.get(random.nextInt(perLevel))));
          }
          if (random.nextInt(4) == 0) {
            List<String> earlier = byLevel.get(random.nextInt(level));
            component = component.requiring(componentRef(earlier.get(random.nextInt(perLevel))));
          }
        }
        ResourceRef app = ResourceRef.parse("App[a" + random.nextInt(100) + "]");
        SiteComponent placed = component;
        adds.add(
            () ->
                apps.computeIfAbsent(app, a -> new LinkedHashMap<>())
                    .put(ResourceRef.parse(componentRef(node)), placed));
        if (random.nextInt(10) == 0) {
          // A second component consuming its own node's capability: a self-edge to drop.
          SiteComponent local = SiteComponent.on(node).consuming(service(node));
          adds.add(
              () ->
                  apps.computeIfAbsent(app, a -> new LinkedHashMap<>())
                      .put(ResourceRef.parse("Local[" + node + "]"), local));
        }
      }
    }
    Collections.shuffle(adds, random);
    adds.forEach(Runnable::run);
    Map<ResourceRef, SiteApplication> applications = new LinkedHashMap<>();
    apps.forEach((app, components) -> applications.put(app, new SiteApplication(components)));
    return new GeneratedSite(SiteFile.of("production", applications), levelOf);
  }

  private static String service(String node) {
    return "Svc[" + node + "]";
  }

  private static String componentRef(String node) {
    return "Comp[" + node + "]";
  }
}
