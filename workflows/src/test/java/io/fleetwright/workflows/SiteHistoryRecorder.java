package io.fleetwright.workflows;

import io.fleetwright.api.SiteOrchestratorWorkflow;
import io.fleetwright.api.SiteRunResult;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.site.BatchSchedule;
import io.fleetwright.site.SitePolicy;
import io.fleetwright.testing.Await;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records one history per site run branch into {@code src/test/resources/histories/site-*.json}.
 * Not a test (surefire skips the name); run it on purpose like {@link HistoryRecorder}.
 */
class SiteHistoryRecorder {
  @RegisterExtension
  static final TestWorkflowExtension temporal = SiteOrchestratorWorkflowTest.temporal;

  @Test
  void clean(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakePuppet fake = new FakePuppet(SiteOrchestratorWorkflowTest.ALL);
    SiteOrchestratorWorkflow site = SiteOrchestratorWorkflowTest.start(env, worker, fake);
    site.run(
        SiteOrchestratorWorkflowTest.input(
            SitePolicy.DEFAULTS.withBatch(BatchSchedule.parse("2"))));
    write(env, "site-clean");
  }

  @Test
  void stoppedAtBudget(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakePuppet fake = new FakePuppet(SiteOrchestratorWorkflowTest.ALL);
    fake.failing.add("web2");
    SiteOrchestratorWorkflow site = SiteOrchestratorWorkflowTest.start(env, worker, fake);
    site.run(SiteOrchestratorWorkflowTest.input(SitePolicy.DEFAULTS));
    write(env, "site-stopped-at-budget");
  }

  @Test
  void skippedDependents(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakePuppet fake = new FakePuppet(SiteOrchestratorWorkflowTest.ALL);
    fake.failing.add("db1");
    SiteOrchestratorWorkflow site = SiteOrchestratorWorkflowTest.start(env, worker, fake);
    site.run(
        SiteOrchestratorWorkflowTest.input(
            SitePolicy.DEFAULTS.withOnFailure(SitePolicy.OnFailure.SKIP_DEPENDENTS)));
    write(env, "site-skipped-dependents");
  }

  @Test
  void canaryApproved(TestWorkflowEnvironment env, Worker worker) throws Exception {
    FakePuppet fake = new FakePuppet(SiteOrchestratorWorkflowTest.ALL);
    SiteOrchestratorWorkflow site = SiteOrchestratorWorkflowTest.start(env, worker, fake);
    CompletableFuture<SiteRunResult> result =
        WorkflowClient.execute(
            site::run,
            SiteOrchestratorWorkflowTest.input(
                SitePolicy.DEFAULTS.withBatch(BatchSchedule.parse("1,100%")).withCanaryGate(true)));
    Await.until("the gate", site::progress, p -> p.phase().equals("awaiting approval"));
    site.pause();
    site.approve();
    site.resume();
    result.get();
    write(env, "site-canary-approved");
  }

  @Test
  void continuedAsNew(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakePuppet fake = new FakePuppet(SiteOrchestratorWorkflowTest.ALL);
    fake.failing.add("web2");
    SiteOrchestratorWorkflow site = SiteOrchestratorWorkflowTest.start(env, worker, fake);
    site.run(
        SiteOrchestratorWorkflowTest.input(
                SitePolicy.DEFAULTS.withBatch(BatchSchedule.parse("1")).withMaxFailures(1))
            .withEventsPerRun(40));
    var client = env.getWorkflowClient();
    String id = WorkflowIds.site("production", "r1");
    String runId = io.temporal.client.WorkflowStub.fromTyped(site).getExecution().getRunId();
    for (int n = 1; !runId.isEmpty(); n++) {
      var history = client.fetchHistory(id, runId);
      Files.writeString(
          HistoryRecorder.DIRECTORY.resolve("site-continued-" + n + ".json"), history.toJson(true));
      var last = history.getLastEvent();
      runId =
          last.hasWorkflowExecutionContinuedAsNewEventAttributes()
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : "";
    }
  }

  private static void write(TestWorkflowEnvironment env, String name) throws IOException {
    String json =
        env.getWorkflowClient().fetchHistory(WorkflowIds.site("production", "r1")).toJson(true);
    Files.createDirectories(HistoryRecorder.DIRECTORY);
    Files.writeString(HistoryRecorder.DIRECTORY.resolve(name + ".json"), json);
  }
}
