package io.fleetwright.tools.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark's result as the single JSON line DESIGN.md fixes: {@code name}, {@code nodes},
 * {@code seconds}, {@code nodes_per_min}, then any further figures in the order they were added.
 */
record BenchLine(String name, int nodes, double seconds, Map<String, Object> figures) {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  BenchLine {
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "benchmark name must be lower case letters, digits and _, got '" + name + "'");
    }
    if (nodes < 0) {
      throw new IllegalArgumentException(name + ": nodes must not be negative, got " + nodes);
    }
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException(
          name + ": seconds must be a finite number >= 0, got " + seconds);
    }
    figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }

  static BenchLine of(String name, int nodes, double seconds) {
    return new BenchLine(name, nodes, seconds, Map.of());
  }

  /** Returns this line with one more figure; doubles are rounded to 3 decimals. */
  BenchLine with(String key, Object value) {
    if (key.equals("name")
        || key.equals("nodes")
        || key.equals("seconds")
        || key.equals("nodes_per_min")) {
      throw new IllegalArgumentException(name + ": '" + key + "' is fixed, not a figure");
    }
    Map<String, Object> more = new LinkedHashMap<>(figures);
    more.put(key, value);
    return new BenchLine(name, nodes, seconds, more);
  }

  double nodesPerMin() {
    return seconds > 0 ? nodes * 60.0 / seconds : 0;
  }

  String json() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("name", name);
    all.put("nodes", nodes);
    all.put("seconds", round(seconds));
    all.put("nodes_per_min", round(nodesPerMin()));
    figures.forEach((k, v) -> all.put(k, v instanceof Double d ? round(d) : v));
    try {
      return JSON.writeValueAsString(all);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(name + ": a figure cannot be written as JSON", e);
    }
  }

  static Object round(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return null;
    }
    return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
  }
}
