package io.fleetwright.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwright.app.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** One YAML mapping of the config, read key by key so that errors name the full key path. */
final class ConfigNode {
  private final String path;
  private final JsonNode node;
  private final Set<String> known = new TreeSet<>();
  private final Map<String, String> defaults;

  ConfigNode(String path, JsonNode node) {
    this(path, node, new TreeMap<>());
  }

  /** A node that writes every key it reads, with its default as text, into {@code defaults}. */
  ConfigNode(String path, JsonNode node, Map<String, String> defaults) {
    this.path = path;
    this.node = node;
    this.defaults = defaults;
    if (node != null && !node.isNull() && !node.isObject()) {
      throw new ConfigException(
          (path.isEmpty() ? "the config file" : path) + " must be a mapping of keys to values");
    }
  }

  private String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private Optional<JsonNode> value(String name) {
    known.add(name);
    if (node == null || !node.has(name) || node.get(name).isNull()) {
      return Optional.empty();
    }
    return Optional.of(node.get(name));
  }

  ConfigNode child(String name) {
    known.add(name);
    JsonNode child = node == null ? null : node.get(name);
    return new ConfigNode(key(name), child == null || child.isNull() ? null : child, defaults);
  }

  private void fallback(String name, Object value) {
    defaults.putIfAbsent(key(name), value == null ? "none" : value.toString());
  }

  /** Overrides the recorded default of a key whose default depends on the machine. */
  void describeDefault(String name, String text) {
    defaults.put(key(name), text);
  }

  String string(String name, String fallback, String example) {
    fallback(name, fallback == null ? null : fallback.isEmpty() ? "empty" : fallback);
    return value(name)
        .map(
            v -> {
              if (!v.isValueNode() || v.isBinary()) {
                throw new ConfigException(key(name) + " must be a string, e.g. " + example);
              }
              return v.asText();
            })
        .orElse(fallback);
  }

  Optional<String> optionalString(String name, String example) {
    return Optional.ofNullable(string(name, null, example)).filter(s -> !s.isBlank());
  }

  Optional<Path> path(String name, String example) {
    return optionalString(name, example).map(Path::of);
  }

  boolean bool(String name, boolean fallback) {
    fallback(name, fallback);
    return value(name)
        .map(
            v -> {
              if (v.isBoolean()) {
                return v.booleanValue();
              }
              throw new ConfigException(
                  key(name) + " must be true or false, got '" + v.asText() + "'");
            })
        .orElse(fallback);
  }

  int integer(String name, int fallback, int min, int max, String example) {
    fallback(name, fallback);
    return value(name)
        .map(
            v -> {
              if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                throw new ConfigException(
                    key(name)
                        + " must be a whole number, got '"
                        + v.asText()
                        + "'; e.g. "
                        + example);
              }
              int i = v.intValue();
              if (i < min || i > max) {
                throw new ConfigException(
                    key(name)
                        + " must be between "
                        + min
                        + " and "
                        + max
                        + ", got "
                        + i
                        + "; e.g. "
                        + example);
              }
              return i;
            })
        .orElse(fallback);
  }

  double decimal(String name, double fallback, double min, double max, String example) {
    fallback(name, fallback == Math.rint(fallback) ? Long.toString((long) fallback) : fallback);
    return value(name)
        .map(
            v -> {
              if (!v.isNumber() || v.doubleValue() < min || v.doubleValue() > max) {
                throw new ConfigException(
                    key(name)
                        + " must be a number from "
                        + min
                        + " to "
                        + max
                        + ", got '"
                        + v.asText()
                        + "'; e.g. "
                        + example);
              }
              return v.doubleValue();
            })
        .orElse(fallback);
  }

  Duration duration(String name, Duration fallback, Duration min, String example) {
    fallback(name, Durations.format(fallback));
    Duration d = value(name).map(v -> Durations.parse(key(name), v.asText())).orElse(fallback);
    if (d.compareTo(min) < 0) {
      throw new ConfigException(
          key(name)
              + " must be at least "
              + Durations.format(min)
              + ", got "
              + Durations.format(d)
              + "; e.g. "
              + example);
    }
    return d;
  }

  /**
   * A duration that can also be turned off with {@code off}, {@code false} or {@code 0}, which
   * gives {@link Duration#ZERO}.
   */
  Duration durationOrOff(String name, Duration fallback, Duration min, String example) {
    Optional<JsonNode> v = value(name);
    boolean off =
        v.map(
                n ->
                    (n.isBoolean() && !n.booleanValue())
                        || (n.isNumber() && n.doubleValue() == 0)
                        || Set.of("off", "false", "0", "no")
                            .contains(n.asText().strip().toLowerCase(java.util.Locale.ROOT)))
            .orElse(false);
    if (off) {
      fallback(name, Durations.format(fallback));
      return Duration.ZERO;
    }
    return duration(name, fallback, min, example);
  }

  List<String> strings(String name, List<String> fallback, String example) {
    fallback(name, fallback.toString());
    return value(name)
        .map(
            v -> {
              if (v.isTextual()) {
                return List.of(v.asText().split("\\s*,\\s*"));
              }
              if (!v.isArray()) {
                throw new ConfigException(key(name) + " must be a list, e.g. " + example);
              }
              List<String> out = new ArrayList<>();
              v.forEach(
                  item -> {
                    if (!item.isValueNode()) {
                      throw new ConfigException(
                          key(name) + " must be a list of strings, e.g. " + example);
                    }
                    out.add(item.asText());
                  });
              return List.copyOf(out);
            })
        .orElse(fallback);
  }

  /** Marks keys that are accepted for compatibility but have no effect here. */
  void accept(String... names) {
    for (String name : names) {
      known.add(name);
      defaults.putIfAbsent(key(name), "ignored");
    }
  }

  boolean has(String name) {
    return node != null && node.has(name) && !node.get(name).isNull();
  }

  /** Fails on the first key that nothing read, listing the valid ones. */
  void rejectUnknown() {
    if (node == null) {
      return;
    }
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                throw new ConfigException(
                    "unknown key "
                        + key(name)
                        + "; valid keys"
                        + (path.isEmpty() ? "" : " under " + path)
                        + " are: "
                        + String.join(", ", known));
              }
            });
  }
}
