package io.fleetwright.workflows;

import io.fleetwright.api.SiteProgress;
import io.fleetwright.api.SiteResume;
import io.fleetwright.api.SiteRunResult;
import io.fleetwright.site.SitePlan;
import io.fleetwright.site.SitePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a site run knows about its nodes: which ran, failed (and why) or were skipped. */
final class SiteRunLedger {
  private static final int SHOWN_FAILURES = 100;

  private final SitePlan plan;
  private final int total;
  private final Set<String> ran = new LinkedHashSet<>();
  private final Map<String, String> failed = new LinkedHashMap<>();
  private final Set<String> skipped = new LinkedHashSet<>();
  private String phase = "starting";
  private int level;
  private int batch;
  private int batches;

  SiteRunLedger(SitePlan plan) {
    this.plan = plan;
    this.total = plan.nodeCount();
  }

  void phase(String phase) {
    this.phase = phase;
  }

  void at(int level, int batch, int batches) {
    this.level = level;
    this.batch = batch;
    this.batches = batches;
  }

  void ran(String node) {
    if (!failed.containsKey(node)) {
      ran.add(node);
    }
  }

  void fail(String node, String reason) {
    ran.remove(node);
    failed.putIfAbsent(node, reason);
  }

  void skip(String node) {
    skipped.add(node);
  }

  boolean hasFailed(String node) {
    return failed.containsKey(node);
  }

  boolean isSkipped(String node) {
    return skipped.contains(node);
  }

  Set<String> failedNodes() {
    return failed.keySet();
  }

  Set<String> ranNodes() {
    return ran;
  }

  /** True when more nodes failed than the policy's failure budget allows. */
  boolean overBudget(SitePolicy policy) {
    return failed.size() > policy.allowedFailures(total);
  }

  /** Takes over what earlier runs of a continued site run learned. */
  void restore(SiteResume resume) {
    ran.addAll(resume.ran());
    failed.putAll(resume.failed());
    skipped.addAll(resume.skipped());
  }

  /** What the next run needs to pick up at the given batch. */
  SiteResume snapshot(
      int levelIndex,
      int batchIndex,
      boolean canaryDone,
      boolean approved,
      boolean paused,
      String abortReason) {
    return new SiteResume(
        levelIndex,
        batchIndex,
        canaryDone,
        approved,
        paused,
        abortReason,
        List.copyOf(ran),
        failed,
        List.copyOf(skipped));
  }

  SiteProgress progress() {
    int pending = total - ran.size() - failed.size() - skipped.size();
    return new SiteProgress(
        phase,
        level,
        plan.levels().size(),
        batch,
        batches,
        ran.size(),
        failed.size(),
        skipped.size(),
        Math.max(0, pending),
        reasons(SHOWN_FAILURES));
  }

  /** Ends the ledger: every node neither ran nor failed counts as skipped. */
  SiteRunResult result(boolean succeeded, String message) {
    for (SitePlan.Level l : plan.levels()) {
      for (String node : l.nodes()) {
        if (!ran.contains(node) && !failed.containsKey(node)) {
          skipped.add(node);
        }
      }
    }
    phase = succeeded ? "succeeded" : "failed";
    return new SiteRunResult(
        succeeded, message, ran.size(), reasons(Integer.MAX_VALUE), List.copyOf(skipped));
  }

  private List<String> reasons(int limit) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : failed.entrySet()) {
      if (out.size() == limit) {
        break;
      }
      out.add(e.getKey() + ": " + e.getValue());
    }
    return out;
  }
}
