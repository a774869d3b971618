package io.fleetwright.site;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * One application instance: its components keyed by component reference, exactly as the value of an
 * entry of {@code applications} in Puppet's environment reply. Document order is kept, but nothing
 * may rely on it.
 *
 * @param components the components, keyed by reference such as {@code Lamp::Mysql[app1]}
 */
public record SiteApplication(Map<ResourceRef, SiteComponent> components) {

  /** Copies the components; none may be empty. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public SiteApplication {
    components = SiteChecks.map(components, "component", "give every component at least a node");
  }

  /** The components, keyed by reference; this map is the application's JSON form. */
  @JsonValue
  @Override
  public Map<ResourceRef, SiteComponent> components() {
    return components;
  }
}
