package io.fleetwright.fleet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.fleet.FleetException;
import io.fleetwright.fleet.TargetResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A JSON hint file such as {@code {"datacenter":"ams1"}} whose {@code field} is looked up in a
 * table of broker URLs (comma separated lists allowed).
 */
public record HintFileTargets(Path file, String field, Map<String, String> table)
    implements TargetResolver {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Copies the table. */
  public HintFileTargets {
    table = Map.copyOf(table);
  }

  @Override
  public List<String> resolve() {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new FleetException(
          "Could not read provisioning hint "
              + file
              + ": "
              + e.getMessage()
              + "; expected JSON like {\""
              + field
              + "\":\"ams1\"}",
          e);
    }
    JsonNode value = root == null ? null : root.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new FleetException(
          "Provisioning hint "
              + file
              + " has no string field '"
              + field
              + "'; expected JSON like {\""
              + field
              + "\":\"ams1\"}");
    }
    String urls = table.get(value.asText());
    if (urls == null) {
      throw new FleetException(
          "Provisioning hint "
              + file
              + " names "
              + field
              + " '"
              + value.asText()
              + "', which the broker table does not know; known: "
              + table.keySet());
    }
    return BrokerUrls.parseList(urls, "broker table entry '" + value.asText() + "'");
  }

  @Override
  public String describe() {
    return "hint file " + file + " (field " + field + ")";
  }
}
