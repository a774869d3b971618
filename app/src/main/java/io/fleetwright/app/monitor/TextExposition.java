package io.fleetwright.app.monitor;

import java.util.Map;
import java.util.TreeMap;

/**
 * Writes Prometheus text format 0.0.4 exactly as given: the family name is the sample name, with no
 * {@code _total} or unit suffix added. Micrometer and the Prometheus Java client both rename
 * counters and timers, so the Go provisioner's names ({@code choria_provisioner_provisioned}, a
 * counter, and {@code choria_provisioner_rpc_time}, a summary) are written here.
 */
final class TextExposition {
  /** The metric types of text format 0.0.4 that we write. */
  enum Type {
    COUNTER,
    GAUGE,
    SUMMARY;

    String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final StringBuilder out = new StringBuilder();

  /** Starts a family: its {@code # HELP} and {@code # TYPE} lines. */
  TextExposition family(String name, Type type, String help) {
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type.text()).append('\n');
    return this;
  }

  /** One sample line; labels are written sorted by name, as the Go client does. */
  TextExposition sample(String name, Map<String, String> labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, String> l : new TreeMap<>(labels).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(l.getKey()).append("=\"").append(escapeValue(l.getValue())).append('"');
      }
      out.append('}');
    }
    out.append(' ').append(number(value)).append('\n');
    return this;
  }

  String text() {
    return out.toString();
  }

  /** Whole numbers without a fraction, as Go prints them; others in Java's shortest form. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static String escapeHelp(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String escapeValue(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
