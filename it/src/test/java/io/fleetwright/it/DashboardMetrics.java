package io.fleetwright.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** The metric names a Grafana dashboard reads: every panel target and every variable query. */
final class DashboardMetrics {
  private DashboardMetrics() {}

  static Set<String> used(Path dashboard) throws IOException {
    JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
    Set<String> names = new TreeSet<>();
    collect(root, names);
    return names;
  }

  private static void collect(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                boolean query = e.getKey().equals("expr") || e.getKey().equals("definition");
                if (query && e.getValue().isTextual()) {
                  names.addAll(PromQl.metricNames(e.getValue().asText()));
                } else {
                  collect(e.getValue(), names);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, names));
    }
  }
}
