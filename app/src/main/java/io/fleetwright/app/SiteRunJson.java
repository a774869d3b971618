package io.fleetwright.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwright.api.SiteProgress;
import io.fleetwright.api.SiteRunResult;
import io.fleetwright.site.SiteFiles;
import io.fleetwright.site.SitePlan;

/**
 * {@code site run --json}: one JSON object per line and per event, each with an {@code event}
 * field: {@code plan}, {@code started}, {@code progress} (whenever the progress changes), {@code
 * progress_unavailable}, and last {@code result}. README.md lists the fields.
 */
final class SiteRunJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SiteRunJson() {}

  static String plan(SitePlan plan) {
    ObjectNode node = event("plan");
    try {
      node.set("plan", JSON.readTree(SiteFiles.toJson(plan)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the plan's own JSON does not parse: " + e.getMessage(), e);
    }
    return node.toString();
  }

  static String started(String workflowId) {
    return event("started").put("workflow_id", workflowId).toString();
  }

  static String progress(SiteProgress p) {
    ObjectNode node =
        event("progress")
            .put("phase", p.phase())
            .put("group", p.level())
            .put("groups", p.levels())
            .put("batch", p.batch())
            .put("batches", p.batches())
            .put("ran", p.ran())
            .put("failed", p.failed())
            .put("skipped", p.skipped())
            .put("pending", p.pending());
    p.failedNodes().forEach(node.putArray("failed_nodes")::add);
    return node.toString();
  }

  static String unavailable(String message) {
    return event("progress_unavailable").put("message", message).toString();
  }

  static String result(SiteRunResult r, int exit) {
    ObjectNode node =
        event("result")
            .put("succeeded", r.succeeded())
            .put("exit_code", exit)
            .put("message", r.message())
            .put("ran", r.ran());
    r.failed().forEach(node.putArray("failed")::add);
    r.skipped().forEach(node.putArray("skipped")::add);
    return node.toString();
  }

  private static ObjectNode event(String name) {
    return JSON.createObjectNode().put("event", name);
  }
}
