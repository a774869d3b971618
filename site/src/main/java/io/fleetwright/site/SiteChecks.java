package io.fleetwright.site;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Validation shared by the site records; every message names the thing at fault and the fix. */
final class SiteChecks {

  private static final int LISTED = 10;

  private SiteChecks() {}

  /** Checks a node certname: not blank and without whitespace. */
  static String node(String node) {
    if (node == null || node.isBlank()) {
      throw new SiteException("node is missing; set node to the certname of the node that runs it");
    }
    if (node.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new SiteException("node '" + node + "' contains whitespace; use the node's certname");
    }
    return node;
  }

  /** Copies a list of references, dropping repeats (Puppet may list a capability twice). */
  static List<ResourceRef> refs(List<ResourceRef> refs, String key) {
    if (refs == null) {
      return List.of();
    }
    for (ResourceRef ref : refs) {
      if (ref == null) {
        throw new SiteException(
            key + " has an empty entry; list resource references such as Sql[app1]");
      }
    }
    return List.copyOf(new LinkedHashSet<>(refs));
  }

  /** Copies a map, keeping document order and rejecting empty keys and values. */
  static <K, V> Map<K, V> map(Map<K, V> map, String what, String fix) {
    if (map == null) {
      return Map.of();
    }
    for (Map.Entry<K, V> e : map.entrySet()) {
      if (e.getKey() == null || e.getKey().toString().isBlank()) {
        throw new SiteException("a " + what + " has an empty name; name it or remove the entry");
      }
      if (e.getValue() == null) {
        throw new SiteException(what + " '" + e.getKey() + "' is empty; " + fix);
      }
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Lists names for a message, at most ten of them, sorted. */
  static String listed(Collection<?> names) {
    List<String> sorted =
        new ArrayList<>(new TreeSet<>(names.stream().map(Object::toString).toList()));
    if (sorted.isEmpty()) {
      return "(none)";
    }
    String shown = String.join(", ", sorted.subList(0, Math.min(LISTED, sorted.size())));
    return sorted.size() > LISTED ? shown + " and " + (sorted.size() - LISTED) + " more" : shown;
  }

  /** Checks what spans applications: unique components and producers, requires, node settings. */
  static void site(Map<ResourceRef, SiteApplication> apps, Map<String, SiteNode> nodes) {
    Map<ResourceRef, ResourceRef> appOf = new HashMap<>();
    Map<ResourceRef, ResourceRef> producerOf = new HashMap<>();
    Set<String> placed = new HashSet<>();
    apps.forEach(
        (app, application) ->
            application
                .components()
                .forEach(
                    (ref, component) -> {
                      uniqueComponent(appOf, app, ref);
                      placed.add(component.node());
                      for (ResourceRef capability : component.produces()) {
                        uniqueProducer(producerOf, appOf, capability, ref);
                      }
                    }));
    apps.forEach(
        (app, application) ->
            application
                .components()
                .forEach((ref, component) -> requires(appOf, producerOf, app, ref, component)));
    for (String node : nodes.keySet()) {
      if (!placed.contains(node)) {
        throw new SiteException(
            "nodes: '"
                + node
                + "' has settings but no component runs on it; fix the name or remove the entry"
                + " (nodes with components: "
                + listed(placed)
                + ")");
      }
    }
  }

  private static void uniqueComponent(
      Map<ResourceRef, ResourceRef> appOf, ResourceRef app, ResourceRef ref) {
    ResourceRef earlier = appOf.putIfAbsent(ref, app);
    if (earlier != null) {
      throw new SiteException(
          "component "
              + ref
              + " appears in application "
              + earlier
              + " and in "
              + app
              + "; a component belongs to one application, so rename one of them");
    }
  }

  private static void uniqueProducer(
      Map<ResourceRef, ResourceRef> producerOf,
      Map<ResourceRef, ResourceRef> appOf,
      ResourceRef capability,
      ResourceRef ref) {
    ResourceRef earlier = producerOf.putIfAbsent(capability, ref);
    if (earlier != null) {
      throw new SiteException(
          "capability "
              + capability
              + " is produced by "
              + describe(earlier, appOf)
              + " and by "
              + describe(ref, appOf)
              + "; a capability has one producer, so remove it from one produces list");
    }
  }

  private static void requires(
      Map<ResourceRef, ResourceRef> appOf,
      Map<ResourceRef, ResourceRef> producerOf,
      ResourceRef app,
      ResourceRef ref,
      SiteComponent component) {
    for (ResourceRef required : component.requires()) {
      if (appOf.containsKey(required)) {
        continue;
      }
      String where = "component " + ref + " of application " + app + " requires " + required;
      if (producerOf.containsKey(required)) {
        throw new SiteException(
            where + ", which is a capability, not a component; list it under consumes instead");
      }
      throw new SiteException(
          where
              + ", which is not a component in this site; requires lists component references"
              + " (components: "
              + listed(appOf.keySet())
              + ")");
    }
  }

  private static String describe(ResourceRef component, Map<ResourceRef, ResourceRef> appOf) {
    return component + " (application " + appOf.get(component) + ")";
  }
}
