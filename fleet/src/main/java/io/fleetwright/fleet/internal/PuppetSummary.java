package io.fleetwright.fleet.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code puppet#last_run_summary}: the DDL defaults until a run finished, then its counters. */
final class PuppetSummary {
  private PuppetSummary() {}

  static ActionResult lastRunSummary(EmulatedNode node, RequestData data)
      throws RequestData.InvalidData {
    boolean logs = data.flag("logs").orElse(false);
    PuppetState.LastRun last = node.puppet().last();
    Map<String, Object> out = new LinkedHashMap<>();
    long now = node.settings().clock().instant().getEpochSecond();
    if (last == null) {
      out.put("out_of_sync_resources", -1);
      out.put("failed_resources", -1);
      out.put("corrected_resources", -1);
      out.put("changed_resources", -1);
      out.put("total_resources", 0);
      out.put("config_retrieval_time", -1);
      out.put("total_time", 0);
      out.put("logs", logs ? List.of() : Map.of());
      out.put("lastrun", 0);
      out.put("since_lastrun", "Unknown");
      out.put("config_version", "");
      out.put("type_distribution", Map.of());
      out.put("summary", Map.of());
      return ActionResult.ok(out);
    }
    out.put("out_of_sync_resources", last.failed() + last.changed());
    out.put("failed_resources", last.failed());
    out.put("corrected_resources", 0);
    out.put("changed_resources", last.changed());
    out.put("total_resources", last.total());
    out.put("config_retrieval_time", 0.5);
    out.put("total_time", last.totalTime());
    out.put("logs", logs ? List.of(log(last)) : Map.of());
    out.put("lastrun", last.lastrun());
    out.put("since_lastrun", now - last.lastrun());
    out.put("config_version", last.configVersion());
    out.put("type_distribution", Map.of("File", last.total() - 5, "Package", 3, "Service", 2));
    out.put("summary", summary(last));
    return ActionResult.ok(out);
  }

  private static Map<String, Object> log(PuppetState.LastRun last) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time_utc", last.lastrun());
    line.put("time", Instant.ofEpochSecond(last.lastrun()).toString());
    line.put("level", last.failed() > 0 ? "err" : "notice");
    line.put("source", "Puppet");
    line.put("msg", "Applied catalog in " + last.totalTime() + " seconds");
    return line;
  }

  private static Map<String, Object> summary(PuppetState.LastRun last) {
    Map<String, Object> resources = new LinkedHashMap<>();
    resources.put("failed", last.failed());
    resources.put("changed", last.changed());
    resources.put("corrective_change", 0);
    resources.put("total", last.total());
    resources.put("restarted", 0);
    resources.put("out_of_sync", last.failed() + last.changed());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("changes", Map.of("total", last.changed()));
    out.put(
        "time",
        Map.of("total", last.totalTime(), "last_run", last.lastrun(), "config_retrieval", 0.5));
    out.put("resources", resources);
    out.put("version", Map.of("puppet", "8.10.0", "config", last.configVersion()));
    out.put(
        "events",
        Map.of(
            "total",
            last.failed() + last.changed(),
            "failure",
            last.failed(),
            "success",
            last.changed()));
    return out;
  }
}
