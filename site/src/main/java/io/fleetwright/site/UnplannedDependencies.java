package io.fleetwright.site;

import io.fleetwright.site.SitePlanException.Reason;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Collects dependencies on capabilities and components that are not planned. */
final class UnplannedDependencies {
  private final Map<ResourceRef, PlacedComponent> outsideProducers;
  private final Map<ResourceRef, PlacedComponent> outsideComponents;
  private final TreeSet<String> missing = new TreeSet<>();
  private final TreeSet<String> filtered = new TreeSet<>();

  UnplannedDependencies(List<PlacedComponent> outside) {
    outsideProducers = SiteGraph.producers(outside);
    outsideComponents = SiteGraph.byRef(outside);
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
