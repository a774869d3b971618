package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the recorded history of every branch against the current workflow code; fails when a
 * change would break running workflows (non-determinism).
 */
class NodeProvisioningReplayTest {
  /** One history per branch, recorded by {@link HistoryRecorder}. */
  static final List<String> HISTORIES =
      List.of(
          "provisioned-no-features",
          "provisioned-pki-jwt-sign-key",
          "provisioned-ed25519",
          "provisioned-local-activities",
          "provisioned-local-node-rpc-v1",
          "provisioned-local-helper-v1",
          "deferred-local-helper-v1",
          "paused-local-helper-v1",
          "provisioned-local-helper-v2",
          "deferred-local-helper-v2",
          "paused-local-helper-v2",
          "provisioned-local-helper-v3",
          "deferred-local-helper-v3",
          "paused-local-helper-v3",
          "shut-down-local-helper-v3",
          "failed-apply-local-helper-v3",
          "provisioned-lean-node-v1",
          "deferred-lean-node-v1",
          "paused-lean-node-v1",
          "shut-down-lean-node-v1",
          "failed-apply-lean-node-v1",
          "provisioned-lean-node-v2",
          "deferred-lean-node-v2",
          "paused-lean-node-v2",
          "shut-down-lean-node-v2",
          "failed-apply-lean-node-v2",
          "upgraded-choria-upgrade-v1",
          "upgrade-skipped-choria-upgrade-v1",
          "approved-node-approval-v1",
          "rejected-node-approval-v1",
          "provisioned-ca-rate-limit-v1",
          "provisioned-ca-rate-limit-helper-v1",
          "deferred-then-provisioned",
          "deferred-retry-now",
          "deferred-limit-failed",
          "shut-down",
          "failed-permanent",
          "failed-retries-spent",
          "failed-helper-hints-v1",
          "cancelled-while-deferred",
          "paused-announced-resumed",
          "renewal-continued-v1",
          "fleet-control");

  private static TestWorkflowEnvironment env;
  private static Worker worker;

  @BeforeAll
  static void registerTheWorkflowsAsTheWorkerDoes() {
    env = TestWorkflowEnvironment.newInstance();
    worker = env.newWorker("replay", Environments.workerOptions());
    worker.registerWorkflowImplementationTypes(
        ProvisioningActivityOptions.forWorkflows(ActivityTimeouts.DEFAULTS),
        NodeProvisioningWorkflowImpl.class,
        FleetControlWorkflowImpl.class);
  }

  @AfterAll
  static void close() {
    env.close();
  }

  static Stream<String> histories() {
    return HISTORIES.stream();
  }

  @ParameterizedTest
  @MethodSource("histories")
  void replaysTheRecordedHistoryWithoutNonDeterminism(String name) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(read(name)), worker);
  }

  @Test
  void hasARecordedHistoryForEveryListedBranchAndNoOthers() throws IOException, URISyntaxException {
    Path directory = Path.of(NodeProvisioningReplayTest.class.getResource("/histories").toURI());
    try (Stream<Path> files = Files.list(directory)) {
      List<String> recorded =
          files
              .map(file -> file.getFileName().toString().replace(".json", ""))
              .filter(name -> !name.startsWith(SiteOrchestratorReplayTest.PREFIX))
              .sorted()
              .toList();
      assertEquals(HISTORIES.stream().sorted().toList(), recorded);
    }
  }

  private static String read(String name) throws IOException {
    try (InputStream in =
        NodeProvisioningReplayTest.class.getResourceAsStream("/histories/" + name + ".json")) {
      assertNotNull(in, "missing history " + name + "; run HistoryRecorder (workflows/README.md)");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
