package io.fleetwright.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The request envelope's {@code filter}. Encoded with Go's key order (fact, cf_class, agent,
 * identity, compound) and every array always present: a server drops a request whose {@code fact},
 * {@code cf_class}, {@code identity} or {@code compound} is missing or null.
 *
 * @param fact fact matches, applied with AND
 * @param cfClass configuration-management class names ({@code cf_class}), applied with AND
 * @param agent agent names (exact or {@code /regex/}), applied with AND
 * @param identity identities (exact or {@code /regex/}), applied with OR
 * @param compound lists of {@code {"expr": "..."}} objects
 */
@JsonPropertyOrder({"fact", "cf_class", "agent", "identity", "compound"})
public record Filter(
    List<FactFilter> fact,
    @JsonProperty("cf_class") List<String> cfClass,
    List<String> agent,
    List<String> identity,
    List<List<Map<String, String>>> compound) {

  /** Turns null lists into empty ones and makes every list immutable. */
  public Filter {
    fact = fact == null ? List.of() : List.copyOf(fact);
    cfClass = cfClass == null ? List.of() : List.copyOf(cfClass);
    agent = agent == null ? List.of() : List.copyOf(agent);
    identity = identity == null ? List.of() : List.copyOf(identity);
    compound =
        compound == null
            ? List.of()
            : compound.stream().map(list -> list.stream().map(Map::copyOf).toList()).toList();
  }

  /**
   * The filter that matches every node.
   *
   * @return a filter with every list empty
   */
  public static Filter empty() {
    return new Filter(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /**
   * A filter selecting nodes that have the agent, as Go's RPC client sends on directed requests.
   *
   * @param agent the agent name
   * @return the filter
   */
  public static Filter agent(String agent) {
    return empty().withAgent(agent);
  }

  /**
   * A filter selecting any of the given identities.
   *
   * @param identities exact identities or {@code /regex/} entries
   * @return the filter
   */
  public static Filter identity(String... identities) {
    return new Filter(List.of(), List.of(), List.of(), Arrays.asList(identities), List.of());
  }

  /**
   * This filter plus an agent entry (no duplicate is added).
   *
   * @param name the agent name
   * @return the new filter
   */
  public Filter withAgent(String name) {
    Checks.nonEmpty(name, "envelope.filter.agent[]");
    if (agent.contains(name)) {
      return this;
    }
    List<String> agents = new ArrayList<>(agent);
    agents.add(name);
    return new Filter(fact, cfClass, agents, identity, compound);
  }

  /**
   * This filter plus an identity entry.
   *
   * @param name the identity or {@code /regex/}
   * @return the new filter
   */
  public Filter withIdentity(String name) {
    Checks.nonEmpty(name, "envelope.filter.identity[]");
    List<String> identities = new ArrayList<>(identity);
    identities.add(name);
    return new Filter(fact, cfClass, agent, identities, compound);
  }

  /**
   * This filter plus a fact match.
   *
   * @param match the fact match
   * @return the new filter
   */
  public Filter withFact(FactFilter match) {
    List<FactFilter> facts = new ArrayList<>(fact);
    facts.add(match);
    return new Filter(facts, cfClass, agent, identity, compound);
  }

  /**
   * Whether every list is empty, i.e. the filter matches every node.
   *
   * @return true when nothing is filtered
   */
  public boolean matchesEverything() {
    return fact.isEmpty()
        && cfClass.isEmpty()
        && agent.isEmpty()
        && identity.isEmpty()
        && compound.isEmpty();
  }
}
