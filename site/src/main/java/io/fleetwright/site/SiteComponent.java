package io.fleetwright.site;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One component of an application instance, as in Puppet's {@code /puppet/v3/environment} reply,
 * plus the site-file extension {@code requires}.
 *
 * <p>Repeated entries in a list are dropped; a missing list is empty.
 *
 * @param node certname of the node that runs the component; required
 * @param produces capabilities this component provides, e.g. {@code Sql[app1]}
 * @param consumes capabilities this component needs before its node can run
 * @param requires components (not capabilities) whose nodes must run before this component's node
 */
@JsonPropertyOrder({"node", "produces", "consumes", "requires"})
public record SiteComponent(
    String node,
    List<ResourceRef> produces,
    List<ResourceRef> consumes,
    List<ResourceRef> requires) {

  /** Validates the node and copies the lists. */
  public SiteComponent {
    node = SiteChecks.node(node);
    produces = SiteChecks.refs(produces, "produces");
    consumes = SiteChecks.refs(consumes, "consumes");
    requires = SiteChecks.refs(requires, "requires");
  }

  /**
   * A component on a node that neither produces, consumes nor requires anything.
   *
   * @param node certname of the node that runs it
   * @return the component
   */
  public static SiteComponent on(String node) {
    return new SiteComponent(node, List.of(), List.of(), List.of());
  }

  /**
   * Returns a copy that also produces the given capabilities.
   *
   * @param capabilities references such as {@code Sql[app1]}
   * @return the new component
   */
  public SiteComponent producing(String... capabilities) {
    return new SiteComponent(node, plus(produces, capabilities), consumes, requires);
  }

  /**
   * Returns a copy that also consumes the given capabilities.
   *
   * @param capabilities references such as {@code Sql[app1]}
   * @return the new component
   */
  public SiteComponent consuming(String... capabilities) {
    return new SiteComponent(node, produces, plus(consumes, capabilities), requires);
  }

  /**
   * Returns a copy that also requires the given components.
   *
   * @param components references such as {@code Lamp::Mysql[app1]}
   * @return the new component
   */
  public SiteComponent requiring(String... components) {
    return new SiteComponent(node, produces, consumes, plus(requires, components));
  }

  private static List<ResourceRef> plus(List<ResourceRef> refs, String... more) {
    List<ResourceRef> all = new java.util.ArrayList<>(refs);
    for (String ref : more) {
      all.add(ResourceRef.parse(ref));
    }
    return all;
  }
}
