package io.fleetwright.app.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The verdicts of one replay: one line per node, a summary line, and the exit code. */
record ReplayReport(List<Verdict> verdicts) {
  private static final ObjectMapper JSON = new ObjectMapper();

  ReplayReport {
    verdicts = List.copyOf(verdicts);
  }

  /** {@code <identity> <verdict> <detail or changes>}. */
  static String line(Verdict v) {
    String rest =
        !v.detail().isEmpty() && v.changes().isEmpty()
            ? v.detail()
            : (v.detail().isEmpty() ? "" : v.detail() + "; ")
                + v.changes().stream().map(Change::text).collect(Collectors.joining("; "));
    return (v.identity() + "  " + v.kind().label() + (rest.isEmpty() ? "" : "  " + rest)).strip();
  }

  Map<Verdict.Kind, Integer> counts() {
    Map<Verdict.Kind, Integer> counts = new EnumMap<>(Verdict.Kind.class);
    for (Verdict.Kind kind : Verdict.Kind.values()) {
      counts.put(kind, 0);
    }
    verdicts.forEach(v -> counts.merge(v.kind(), 1, Integer::sum));
    return counts;
  }

  /** {@code summary: <n> nodes: same <a>, changed <b>, ...}. */
  String summary() {
    return "summary: "
        + verdicts.size()
        + " nodes: "
        + counts().entrySet().stream()
            .map(e -> e.getKey().label() + " " + e.getValue())
            .collect(Collectors.joining(", "));
  }

  String text() {
    StringBuilder out = new StringBuilder();
    verdicts.forEach(v -> out.append(line(v)).append('\n'));
    return out.append(summary()).append('\n').toString();
  }

  String json() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode nodes = root.putArray("nodes");
    for (Verdict v : verdicts) {
      ObjectNode node = nodes.addObject();
      node.put("identity", v.identity());
      node.put("run_id", v.runId());
      node.put("verdict", v.kind().name().toLowerCase(java.util.Locale.ROOT));
      node.put("detail", v.detail());
      ArrayNode changes = node.putArray("changes");
      for (Change c : v.changes()) {
        changes.addObject().put("key", c.key()).put("before", c.before()).put("after", c.after());
      }
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("nodes", verdicts.size());
    counts().forEach((k, n) -> summary.put(k.name().toLowerCase(java.util.Locale.ROOT), n));
    return root.toString() + "\n";
  }

  /**
   * 1 when a node's new reply is invalid, or when nodes matched but none could be recovered (so
   * nothing was checked); else 0.
   */
  int exitCode() {
    Map<Verdict.Kind, Integer> counts = counts();
    boolean noneChecked =
        !verdicts.isEmpty() && counts.get(Verdict.Kind.UNRECOVERABLE) == verdicts.size();
    return counts.get(Verdict.Kind.INVALID) > 0 || noneChecked ? 1 : 0;
  }
}
