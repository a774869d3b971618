package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.SiteOrchestratorWorkflow;
import io.fleetwright.api.SiteProgress;
import io.fleetwright.api.SiteRunInput;
import io.fleetwright.api.SiteRunResult;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.site.BatchSchedule;
import io.fleetwright.site.ResourceRef;
import io.fleetwright.site.SitePlan;
import io.fleetwright.site.SitePlanner;
import io.fleetwright.site.SitePolicy;
import io.fleetwright.testing.Await;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SiteOrchestratorWorkflowTest {
  static final List<String> DB = List.of("db1", "db2");
  static final List<String> WEB = List.of("web1", "web2", "web3", "web4");
  static final List<String> LB = List.of("lb1");
  static final List<String> ALL = List.of("db1", "db2", "lb1", "web1", "web2", "web3", "web4");

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(SiteOrchestratorWorkflowImpl.class)
          .setWorkerOptions(Environments.workerOptions())
          .setDoNotStart(true)
          .build();

  /** db1 and db2 first, then web1..4 (web1, web2 need db1; web3, web4 need db2), then lb1. */
  static SitePlan plan(BatchSchedule batch) {
    SortedMap<String, SortedMap<ResourceRef, List<ResourceRef>>> components = new TreeMap<>();
    for (String node : ALL) {
      SortedMap<ResourceRef, List<ResourceRef>> apps = new TreeMap<>();
      apps.put(ResourceRef.parse("Shop[main]"), List.of(ResourceRef.parse("Role[" + node + "]")));
      components.put(node, apps);
    }
    List<SitePlan.Level> levels =
        List.of(
            new SitePlan.Level(1, DB, SitePlanner.batches(DB, batch)),
            new SitePlan.Level(2, WEB, SitePlanner.batches(WEB, batch)),
            new SitePlan.Level(3, LB, SitePlanner.batches(LB, batch)));
    return new SitePlan(
        "production", null, List.of(ResourceRef.parse("Shop[main]")), batch, levels, components);
  }

  static final Map<String, List<String>> PREREQUISITES =
      Map.of(
          "web1", List.of("db1"),
          "web2", List.of("db1"),
          "web3", List.of("db2"),
          "web4", List.of("db2"),
          "lb1", WEB);

  static SiteRunInput input(SitePolicy policy) {
    return new SiteRunInput("r1", plan(policy.batch()), policy, PREREQUISITES);
  }

  static SiteOrchestratorWorkflow start(
      TestWorkflowEnvironment env, Worker worker, FakePuppet fake) {
    worker.registerActivitiesImplementations(fake);
    env.start();
    return env.getWorkflowClient()
        .newWorkflowStub(
            SiteOrchestratorWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.site("production", "r1"))
                .setTaskQueue(worker.getTaskQueue())
                .build());
  }

  @Test
  void runsEveryNodeOnceInDependencyOrderAndEnablesThemAgain(
      TestWorkflowEnvironment env, Worker worker) {
    FakePuppet fake = new FakePuppet(ALL);
    SiteOrchestratorWorkflow site = start(env, worker, fake);
    SitePolicy policy = SitePolicy.DEFAULTS.withBatch(BatchSchedule.parse("2"));

    SiteRunResult result = site.run(input(policy));

    assertTrue(result.succeeded(), result.toString());
    assertEquals(7, result.ran());
    assertEquals(List.of("db1", "db2", "web1", "web2", "web3", "web4", "lb1"), fake.runs);
    assertTrue(fake.enabled.values().stream().allMatch(e -> e), fake.enabled.toString());
    assertFalse(fake.options.get(0).noop(), fake.options.toString());
  }

  @Test
  void waitsForEachNodeWithItsOwnRunTimeoutFromTheSiteFile(
      TestWorkflowEnvironment env, Worker worker) {
    FakePuppet fake = new FakePuppet(ALL);
    SiteOrchestratorWorkflow site = start(env, worker, fake);
    SitePolicy policy = SitePolicy.DEFAULTS.withBatch(BatchSchedule.parse("100%"));

    SiteRunResult result = site.run(input(policy).withRunTimeouts(Map.of("web1", 7200)));

    assertTrue(result.succeeded(), result.toString());
    io.fleetwright.api.PuppetAwait web =
        fake.awaits.stream()
            .filter(a -> a.initiatedAt().containsKey("web1"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no await for web1: " + fake.awaits));
    assertEquals(7200, web.runTimeoutOf("web1"));
    assertEquals(policy.runTimeoutSeconds(), web.runTimeoutOf("web2"));
    long longest =
        fake.awaitTimeouts.stream().mapToLong(java.time.Duration::getSeconds).max().orElse(0);
    assertEquals(
        policy.startTimeoutSeconds() + 7200 + 300,
        longest,
        "the waiting activity's start-to-close timeout covers the longest run");
  }

  @Test
  void failsEarlyNamingDisabledNodesWithoutDisablingAnything(
      TestWorkflowEnvironment env, Worker worker) {
    FakePuppet fake = new FakePuppet(ALL);
    fake.enabled.put("web3", false);
    fake.locks.put("web3", "maintenance");
    SiteOrchestratorWorkflow site = start(env, worker, fake);

    SiteRunResult result = site.run(input(SitePolicy.DEFAULTS));

    assertFalse(result.succeeded(), result.toString());
    assertTrue(result.message().contains("web3 (disabled: 'maintenance')"), result.message());
    assertEquals(List.of(), fake.runs);
    assertEquals(6, fake.enabled.values().stream().filter(e -> e).count(), fake.enabled.toString());
  }

  @Test
  void stopsAtTheFailureBudgetAndLeavesTheSiteDisabled(TestWorkflowEnvironment env, Worker worker) {
    FakePuppet fake = new FakePuppet(ALL);
    fake.failing.add("web1");
    fake.failing.add("web2");
    SiteOrchestratorWorkflow site = start(env, worker, fake);
    SitePolicy policy = SitePolicy.DEFAULTS.withBatch(BatchSchedule.parse("2"));

    SiteRunResult result = site.run(input(policy));

    assertFalse(result.succeeded(), result.toString());
    assertEquals(
        List.of("web1", "web2"), result.failed().stream().map(f -> f.split(":")[0]).toList());
    assertTrue(result.failed().get(0).contains("3 failed resources"), result.failed().toString());
    assertEquals(List.of("db1", "db2", "web1", "web2"), fake.runs);
    assertEquals(Set.of("lb1", "web3", "web4"), Set.copyOf(result.skipped()));
    assertTrue(fake.enabled.values().stream().noneMatch(e -> e), fake.enabled.toString());
    assertEquals("Puppet failed in Fleetwright site run r1", fake.locks.get("web1"));
  }

  @Test
  void countsANodeThatStopsReplyingAsFailedWithinTheBudget(
      TestWorkflowEnvironment env, Worker worker) {
    FakePuppet fake =
        new FakePuppet(ALL) {
          @Override
          public List<io.fleetwright.api.PuppetReply> runonce(
              List<String> nodes, io.fleetwright.api.PuppetRunOptions opts) {
            silent.add("lb1");
            return super.runonce(nodes, opts);
          }
        };
    SiteOrchestratorWorkflow site = start(env, worker, fake);

    SiteRunResult result = site.run(input(SitePolicy.DEFAULTS.withMaxFailurePercentage(20)));

    assertTrue(result.succeeded(), result.toString());
    assertEquals(List.of("lb1: no reply from lb1"), result.failed());
    assertEquals(6, result.ran());
  }

  @Test
  void stopsOnceFailuresExceedACountBudget(TestWorkflowEnvironment env, Worker worker) {
    FakePuppet fake = new FakePuppet(ALL);
    fake.failing.add("db1");
    fake.failing.add("web3");
    SiteOrchestratorWorkflow site = start(env, worker, fake);
    SitePolicy policy = SitePolicy.DEFAULTS.withBatch(BatchSchedule.parse("1")).withMaxFailures(1);

    SiteRunResult result = site.run(input(policy));

    assertFalse(result.succeeded(), result.toString());
    assertEquals(
        List.of("db1", "web3"), result.failed().stream().map(f -> f.split(":")[0]).toList());
    assertEquals(List.of("db1", "db2", "web1", "web2", "web3"), fake.runs);
    assertEquals(Set.of("web4", "lb1"), Set.copyOf(result.skipped()));
  }

  @Test
  void continuesAsNewBetweenBatchesWithoutRunningAnyNodeTwice(
      TestWorkflowEnvironment env, Worker worker) {
    FakePuppet fake = new FakePuppet(ALL);
    SiteOrchestratorWorkflow site = start(env, worker, fake);
    SitePolicy policy = SitePolicy.DEFAULTS.withBatch(BatchSchedule.parse("1")).withMaxFailures(1);
    fake.failing.add("web2");

    SiteRunResult result = site.run(input(policy).withEventsPerRun(40));

    assertTrue(result.succeeded(), result.toString());
    assertEquals(List.of("db1", "db2", "web1", "web2", "web3", "web4", "lb1"), fake.runs);
    assertEquals(List.of("web2"), result.failed().stream().map(f -> f.split(":")[0]).toList());
    assertEquals(6, result.ran());
    assertTrue(fake.enabled.get("lb1"), "nodes of earlier runs are enabled again at the end");
    assertTrue(runsInChain(env) > 2, "expected several runs, got " + runsInChain(env));
  }

  @Test
  void keepsTheCanaryApprovalAcrossContinueAsNew(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    FakePuppet fake = new FakePuppet(ALL);
    SiteOrchestratorWorkflow site = start(env, worker, fake);
    SitePolicy policy =
        SitePolicy.DEFAULTS.withBatch(BatchSchedule.parse("1")).withCanaryGate(true);

    CompletableFuture<SiteRunResult> result =
        WorkflowClient.execute(site::run, input(policy).withEventsPerRun(30));
    Await.until("the gate", site::progress, p -> p.phase().equals("awaiting approval"));
    site.approve();

    assertTrue(result.get().succeeded(), result.get().toString());
    assertEquals(ALL.size(), fake.runs.size(), fake.runs.toString());
    assertTrue(runsInChain(env) > 2, "expected several runs, got " + runsInChain(env));
  }

  /** How many runs the site workflow took, following continue-as-new from the first. */
  static int runsInChain(TestWorkflowEnvironment env) {
    var client = env.getWorkflowClient();
    String id = WorkflowIds.site("production", "r1");
    var page =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .listClosedWorkflowExecutions(
                io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(env.getNamespace())
                    .setExecutionFilter(
                        io.temporal.api.filter.v1.WorkflowExecutionFilter.newBuilder()
                            .setWorkflowId(id))
                    .build());
    return page.getExecutionsCount();
  }

  @Test
  void skipsOnlyTheDependentsOfAFailedNode(TestWorkflowEnvironment env, Worker worker) {
    FakePuppet fake = new FakePuppet(ALL);
    fake.failing.add("db2");
    SiteOrchestratorWorkflow site = start(env, worker, fake);
    SitePolicy policy = SitePolicy.DEFAULTS.withOnFailure(SitePolicy.OnFailure.SKIP_DEPENDENTS);

    SiteRunResult result = site.run(input(policy));

    assertFalse(result.succeeded(), result.toString());
    assertEquals(List.of("db1", "db2", "web1", "web2"), fake.runs);
    assertEquals(Set.of("web3", "web4", "lb1"), Set.copyOf(result.skipped()));
    assertTrue(fake.enabled.get("web1"), "web1 ran and is enabled again");
    assertFalse(fake.enabled.get("web3"), "web3 was skipped and stays disabled");
  }

  @Test
  void waitsForApprovalAfterTheCanaryBatch(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    FakePuppet fake = new FakePuppet(ALL);
    SiteOrchestratorWorkflow site = start(env, worker, fake);
    SitePolicy policy =
        SitePolicy.DEFAULTS.withBatch(BatchSchedule.parse("1,100%")).withCanaryGate(true);

    CompletableFuture<SiteRunResult> result = WorkflowClient.execute(site::run, input(policy));
    SiteProgress waiting =
        Await.until("the gate", site::progress, p -> p.phase().equals("awaiting approval"));
    assertEquals(List.of("db1"), fake.runs);
    assertEquals(1, waiting.ran(), waiting.toString());
    site.approve();

    assertTrue(result.get().succeeded(), result.get().toString());
    assertEquals(7, fake.runs.size(), fake.runs.toString());
  }

  @Test
  void abortsAtTheGateLeavingTheRestUnrun(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    FakePuppet fake = new FakePuppet(ALL);
    SiteOrchestratorWorkflow site = start(env, worker, fake);
    SitePolicy policy =
        SitePolicy.DEFAULTS.withBatch(BatchSchedule.parse("1")).withCanaryGate(true);

    CompletableFuture<SiteRunResult> result = WorkflowClient.execute(site::run, input(policy));
    Await.until("the gate", site::progress, p -> p.phase().equals("awaiting approval"));
    site.abort("bad canary");

    SiteRunResult done = result.get();
    assertFalse(done.succeeded(), done.toString());
    assertTrue(done.message().startsWith("Site run aborted: bad canary"), done.message());
    assertEquals(List.of("db1"), fake.runs);
    assertEquals(6, done.skipped().size(), done.toString());
    assertTrue(fake.enabled.values().stream().noneMatch(e -> e), fake.enabled.toString());
  }
}
