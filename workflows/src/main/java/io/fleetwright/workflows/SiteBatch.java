package io.fleetwright.workflows;

import io.fleetwright.api.PuppetReply;
import io.fleetwright.api.SiteRunInput;
import io.fleetwright.site.SitePolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of a site run: skip dependents of failed nodes (when the policy says so), then enable,
 * run once, wait for the runs, disable, and check failed resources.
 */
final class SiteBatch {
  private final SitePuppet puppet;
  private final SiteRunLedger ledger;
  private final SiteRunInput input;
  private final String lock;

  SiteBatch(SitePuppet puppet, SiteRunLedger ledger, SiteRunInput input, String lock) {
    this.puppet = puppet;
    this.ledger = ledger;
    this.input = input;
    this.lock = lock;
  }

  void run(List<String> batch) {
    List<String> runnable = new ArrayList<>();
    for (String node : batch) {
      if (ledger.hasFailed(node)) {
        continue;
      }
      if (skipsDependents() && blocked(node)) {
        ledger.skip(node);
      } else {
        runnable.add(node);
      }
    }
    if (runnable.isEmpty()) {
      return;
    }
    List<String> enabled = ok(puppet.enable(runnable));
    Map<String, Long> initiated = new HashMap<>();
    for (PuppetReply r : puppet.runonce(enabled)) {
      if (r.ok()) {
        initiated.put(r.node(), r.initiatedAt());
      } else {
        ledger.fail(r.node(), r.error());
      }
    }
    List<String> finished = initiated.isEmpty() ? List.of() : ok(puppet.awaitRuns(initiated));
    ok(puppet.disable(runnable, lock));
    for (PuppetReply r : puppet.lastRunSummary(finished)) {
      if (!r.ok()) {
        ledger.fail(r.node(), r.error());
      } else if (r.failedResources() > 0) {
        ledger.fail(r.node(), "Puppet run had " + r.failedResources() + " failed resources");
      } else {
        ledger.ran(r.node());
      }
    }
  }

  private boolean skipsDependents() {
    return input.policy().onFailure() == SitePolicy.OnFailure.SKIP_DEPENDENTS;
  }

  private boolean blocked(String node) {
    for (String before : input.prerequisites().getOrDefault(node, List.of())) {
      if (ledger.hasFailed(before) || ledger.isSkipped(before)) {
        return true;
      }
    }
    return false;
  }

  private List<String> ok(List<PuppetReply> replies) {
    List<String> out = new ArrayList<>();
    for (PuppetReply r : replies) {
      if (r.ok()) {
        out.add(r.node());
      } else {
        ledger.fail(r.node(), r.error());
      }
    }
    return out;
  }
}
