package io.fleetwright.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.fleet.internal.Mix;
import io.fleetwright.protocol.NodeIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the fleet names its nodes and which facts each gets. Facts are picked deterministically from
 * the node index and the fleet seed: a fact with a list of values gets one of them, a scalar fact
 * is the same everywhere, and a {@code sites} entry (an object of facts that belong together, such
 * as a country and its datacenter) is merged in first.
 *
 * <p>JSON form (every key optional; see {@link #defaults()} for the defaults):
 *
 * <pre>{@code
 * {"identity_pattern": "node-%05d.lab.example.net",
 *  "sites": [{"country": "nl", "datacenter": "ams1"}, {"country": "de", "datacenter": "fra1"}],
 *  "facts": {"os": "linux", "role": ["web", "db"], "cores": [2, 4, 8]}}
 * }</pre>
 *
 * @param identityPattern a {@link String#format} pattern applied to the 1-based node index
 * @param sites groups of facts of which each node gets one
 * @param facts fact name to a list of choices or a single value (string, number or boolean)
 */
public record NodeTemplate(
    String identityPattern, List<Map<String, Object>> sites, Map<String, Object> facts) {

  /** The identity pattern used when none is given. */
  public static final String DEFAULT_IDENTITY_PATTERN = "node-%05d.fleet.example.net";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates the template. */
  public NodeTemplate {
    Objects.requireNonNull(identityPattern, "identityPattern");
    sites = List.copyOf(Objects.requireNonNull(sites, "sites").stream().map(Map::copyOf).toList());
    facts = Map.copyOf(Objects.requireNonNull(facts, "facts"));
    checkPattern(identityPattern);
  }

  /** Returns the default template: four sites, an {@code os} and a {@code role}. */
  public static NodeTemplate defaults() {
    return new NodeTemplate(
        DEFAULT_IDENTITY_PATTERN,
        List.of(
            Map.of("country", "nl", "datacenter", "ams1"),
            Map.of("country", "de", "datacenter", "fra1"),
            Map.of("country", "us", "datacenter", "nyc1"),
            Map.of("country", "gb", "datacenter", "lon1")),
        Map.of("os", "linux", "role", List.of("web", "db", "cache", "queue")));
  }

  /** Returns a copy with another identity pattern. */
  public NodeTemplate withIdentityPattern(String pattern) {
    return new NodeTemplate(pattern, sites, facts);
  }

  /** Returns the identity of the node with the given 1-based index. */
  public String identity(int index) {
    return String.format(identityPattern, index);
  }

  /** Returns the facts of the node with the given index, keys sorted as Go marshals a map. */
  public Map<String, Object> factsFor(long seed, int index) {
    Map<String, Object> out = new TreeMap<>();
    if (!sites.isEmpty()) {
      out.putAll(sites.get(Mix.pick(seed, index, "sites", sites.size())));
    }
    for (Map.Entry<String, Object> fact : facts.entrySet()) {
      Object value = fact.getValue();
      if (value instanceof List<?> choices) {
        value = choices.get(Mix.pick(seed, index, "fact:" + fact.getKey(), choices.size()));
      }
      out.put(fact.getKey(), value);
    }
    return out;
  }

  /**
   * Reads a template from a JSON file; keys that are absent keep their {@link #defaults()}.
   *
   * @throws FleetException naming the file and the bad key
   */
  public static NodeTemplate fromJson(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new FleetException(
          "Could not read the node template "
              + file
              + ": "
              + e.getMessage()
              + ". Give a JSON object such as {\"identity_pattern\":\"node-%05d.lab\"}",
          e);
    }
    return fromJson(root, file.toString());
  }

  static NodeTemplate fromJson(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      throw new FleetException("Node template " + source + " must be a JSON object");
    }
    NodeTemplate base = defaults();
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      String key = entry.getKey();
      if (!List.of("identity_pattern", "sites", "facts").contains(key)) {
        throw new FleetException(
            "Node template "
                + source
                + ": unknown key '"
                + key
                + "'; known keys are identity_pattern, sites, facts");
      }
    }
    String pattern = base.identityPattern();
    if (root.has("identity_pattern")) {
      JsonNode p = root.get("identity_pattern");
      if (!p.isTextual()) {
        throw new FleetException(
            "Node template "
                + source
                + ": identity_pattern must be a string like \"node-%05d.lab\"");
      }
      pattern = p.asText();
    }
    List<Map<String, Object>> sites = base.sites();
    if (root.has("sites")) {
      sites = readSites(root.get("sites"), source);
    }
    Map<String, Object> facts = base.facts();
    if (root.has("facts")) {
      facts = readFacts(root.get("facts"), source);
    }
    try {
      return new NodeTemplate(pattern, sites, facts);
    } catch (FleetException e) {
      throw new FleetException("Node template " + source + ": " + e.getMessage(), e);
    }
  }

  private static List<Map<String, Object>> readSites(JsonNode node, String source) {
    if (!node.isArray()) {
      throw new FleetException("Node template " + source + ": sites must be an array of objects");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode site : node) {
      if (!site.isObject()) {
        throw new FleetException(
            "Node template " + source + ": each entry of sites must be an object");
      }
      out.add(readFacts(site, source));
    }
    return out;
  }

  private static Map<String, Object> readFacts(JsonNode node, String source) {
    if (!node.isObject()) {
      throw new FleetException("Node template " + source + ": facts must be a JSON object");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    node.properties()
        .forEach(e -> out.put(e.getKey(), factValue(e.getKey(), e.getValue(), source)));
    return out;
  }

  private static Object factValue(String name, JsonNode value, String source) {
    if (value.isArray()) {
      if (value.isEmpty()) {
        throw new FleetException(
            "Node template " + source + ": fact '" + name + "' has an empty list of choices");
      }
      List<Object> choices = new ArrayList<>();
      value.forEach(v -> choices.add(JSON.convertValue(v, Object.class)));
      return List.copyOf(choices);
    }
    if (value.isNull()) {
      throw new FleetException("Node template " + source + ": fact '" + name + "' is null");
    }
    return JSON.convertValue(value, Object.class);
  }

  private static void checkPattern(String pattern) {
    String first;
    String second;
    try {
      first = String.format(pattern, 1);
      second = String.format(pattern, 2);
    } catch (IllegalFormatException e) {
      throw new FleetException(
          "identityPattern '"
              + pattern
              + "' is not a format for one integer, e.g. node-%05d.lab: "
              + e.getMessage());
    }
    if (first.equals(second)) {
      throw new FleetException(
          "identityPattern '"
              + pattern
              + "' gives every node the same identity; include %d or %05d");
    }
    if (!NodeIdentity.isValid(first)) {
      throw new FleetException(
          "identityPattern '"
              + pattern
              + "' gives identity '"
              + first
              + "', which cannot be a NATS subject token (no spaces, '*', '>' or leading/trailing dots)");
    }
  }
}
