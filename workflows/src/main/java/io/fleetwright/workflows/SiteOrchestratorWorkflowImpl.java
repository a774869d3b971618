package io.fleetwright.workflows;

import io.fleetwright.api.PuppetReply;
import io.fleetwright.api.SiteOrchestratorWorkflow;
import io.fleetwright.api.SiteProgress;
import io.fleetwright.api.SiteResume;
import io.fleetwright.api.SiteRunInput;
import io.fleetwright.api.SiteRunResult;
import io.fleetwright.site.SitePlan;
import io.fleetwright.site.SitePolicy;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The site run of {@link SiteOrchestratorWorkflow}: Choria's flow with a budget and a gate. */
public final class SiteOrchestratorWorkflowImpl implements SiteOrchestratorWorkflow {
  private SiteRunLedger ledger;
  private boolean approved;
  private boolean paused;
  private boolean pauseSignalled;
  private String abortReason;

  @Override
  public SiteRunResult run(SiteRunInput input) {
    SitePlan plan = input.plan();
    ledger = new SiteRunLedger(plan);
    SitePuppet puppet = new SitePuppet(input.policy(), input.runTimeouts());
    String lock = lockMessage("Disabled during Fleetwright site run ", input.runId());
    SiteResume resume = input.resume();
    if (resume == null) {
      String notReady = prepare(plan, puppet, lock);
      if (notReady != null) {
        return ledger.result(false, notReady);
      }
    } else {
      takeOver(resume);
    }
    boolean stopped = runLevels(input, puppet, lock);
    return finish(input, puppet, stopped);
  }

  /** Checks, disables and idles the site; returns why it cannot run, or null. */
  private String prepare(SitePlan plan, SitePuppet puppet, String lock) {
    List<String> all = plan.nodeComponents().keySet().stream().toList();
    ledger.phase("checking");
    List<String> notEnabled = new ArrayList<>();
    for (PuppetReply r : puppet.status(all)) {
      if (!r.ok()) {
        notEnabled.add(r.node() + " (" + r.error() + ")");
      } else if (!r.enabled()) {
        notEnabled.add(r.node() + " (disabled: '" + r.disableMessage() + "')");
      }
    }
    if (!notEnabled.isEmpty()) {
      return "Not all nodes in the plan are enabled, cannot continue; nothing was disabled: "
          + SiteRunText.list(notEnabled);
    }
    ledger.phase("disabling");
    failAll(puppet.disable(all, lock));
    ledger.phase("waiting for idle");
    Map<String, Long> idle = new HashMap<>();
    all.stream().filter(n -> !ledger.hasFailed(n)).forEach(n -> idle.put(n, 0L));
    failAll(puppet.awaitRuns(idle));
    return null;
  }

  /** Picks up a continued run; signals that reached this run already take precedence. */
  private void takeOver(SiteResume resume) {
    ledger.restore(resume);
    approved = approved || resume.approved();
    if (!pauseSignalled) {
      paused = resume.paused();
    }
    if (abortReason == null) {
      abortReason = resume.abortReason();
    }
  }

  /** Runs every level and batch from where this run starts; true when it stopped early. */
  private boolean runLevels(SiteRunInput input, SitePuppet puppet, String lock) {
    SitePolicy policy = input.policy();
    SiteResume resume = input.resume();
    List<SitePlan.Level> levels = input.plan().levels();
    int startLevel = resume == null ? 0 : resume.levelIndex();
    int startBatch = resume == null ? 0 : resume.batchIndex();
    boolean first = resume == null || !resume.canaryDone();
    for (int l = startLevel; l < levels.size(); l++) {
      SitePlan.Level level = levels.get(l);
      List<List<String>> batches = level.batches();
      for (int b = l == startLevel ? startBatch : 0; b < batches.size(); b++) {
        if (shouldStop(policy)) {
          return true;
        }
        boolean startOfThisRun = l == startLevel && b == startBatch;
        if (!startOfThisRun && historyFull(input)) {
          continueAt(input, l, b, !first);
        }
        ledger.at(level.level(), b + 1, batches.size());
        if (paused) {
          ledger.phase("paused");
          Workflow.await(() -> !paused || abortReason != null);
          if (abortReason != null) {
            return true;
          }
        }
        ledger.phase("running");
        new SiteBatch(puppet, ledger, input, lock).run(batches.get(b));
        if (first && policy.pauseAfterFirstBatch()) {
          ledger.phase("awaiting approval");
          Workflow.await(() -> approved || abortReason != null);
        }
        first = false;
      }
    }
    return shouldStop(policy);
  }

  private static boolean historyFull(SiteRunInput input) {
    WorkflowInfo info = Workflow.getInfo();
    return info.isContinueAsNewSuggested()
        || (input.eventsPerRun() > 0 && info.getHistoryLength() >= input.eventsPerRun());
  }

  /** Hands the rest of the run to a fresh history; never returns. */
  private void continueAt(SiteRunInput input, int levelIndex, int batchIndex, boolean canaryDone) {
    ledger.phase("continuing as new");
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(
        input.continuingAt(
            ledger.snapshot(levelIndex, batchIndex, canaryDone, approved, paused, abortReason)));
  }

  private boolean shouldStop(SitePolicy policy) {
    return abortReason != null
        || (policy.onFailure() == SitePolicy.OnFailure.STOP && ledger.overBudget(policy));
  }

  private SiteRunResult finish(SiteRunInput input, SitePuppet puppet, boolean stopped) {
    List<String> failed = List.copyOf(ledger.failedNodes());
    if (!failed.isEmpty()) {
      puppet.enable(failed);
      puppet.disable(failed, lockMessage("Puppet failed in Fleetwright site run ", input.runId()));
    }
    boolean overBudget = ledger.overBudget(input.policy());
    if (stopped) {
      String why =
          abortReason != null
              ? "Site run aborted: " + abortReason
              : "Site run stopped after " + failed.size() + " failed nodes";
      return ledger.result(false, why + "; the site stays disabled. Failed: " + names(failed));
    }
    if (input.policy().restoreEnableState()) {
      ledger.phase("enabling");
      puppet.enable(List.copyOf(ledger.ranNodes()));
    }
    if (failed.isEmpty()) {
      return ledger.result(true, "Puppet ran on all " + ledger.ranNodes().size() + " nodes");
    }
    return ledger.result(
        !overBudget,
        failed.size()
            + " nodes failed"
            + (overBudget ? ", over the failure budget" : ", within the failure budget")
            + "; they and their dependents stay disabled: "
            + names(failed));
  }

  private void failAll(List<PuppetReply> replies) {
    for (PuppetReply r : replies) {
      if (!r.ok()) {
        ledger.fail(r.node(), r.error());
      }
    }
  }

  private static String names(List<String> nodes) {
    return SiteRunText.list(nodes);
  }

  /** A lock message within the agent's 120 characters, with only shell-safe characters. */
  static String lockMessage(String prefix, String runId) {
    String safe = runId.replaceAll("[^A-Za-z0-9_.:-]", "_");
    String message = prefix + safe;
    return message.length() > 120 ? message.substring(0, 120) : message;
  }

  @Override
  public void approve() {
    approved = true;
  }

  @Override
  public void pause() {
    pauseSignalled = true;
    paused = true;
  }

  @Override
  public void resume() {
    pauseSignalled = true;
    paused = false;
  }

  @Override
  public void abort(String reason) {
    if (abortReason == null) {
      abortReason = reason == null || reason.isBlank() ? "no reason given" : reason;
    }
  }

  @Override
  public SiteProgress progress() {
    return ledger == null
        ? new SiteProgress("starting", 0, 0, 0, 0, 0, 0, 0, 0, List.of())
        : ledger.progress();
  }
}
