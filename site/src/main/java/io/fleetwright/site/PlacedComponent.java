package io.fleetwright.site;

/** A component together with the application it belongs to and its own reference. */
record PlacedComponent(ResourceRef app, ResourceRef ref, SiteComponent component) {

  String node() {
    return component.node();
  }

  @Override
  public String toString() {
    return ref + " (application " + app + ", node " + component.node() + ")";
  }
}
