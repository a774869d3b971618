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

/** Replays the recorded site run histories against the current site workflow code. */
class SiteOrchestratorReplayTest {
  static final String PREFIX = "site-";

  /** One history per branch, recorded by {@link SiteHistoryRecorder}. */
  static final List<String> HISTORIES =
      List.of(
          "site-clean",
          "site-stopped-at-budget",
          "site-skipped-dependents",
          "site-canary-approved",
          "site-continued-1",
          "site-continued-2",
          "site-continued-3",
          "site-continued-4");

  private static TestWorkflowEnvironment env;
  private static Worker worker;

  @BeforeAll
  static void registerTheWorkflowAsTheWorkerDoes() {
    env = TestWorkflowEnvironment.newInstance();
    worker = env.newWorker("site-replay", Environments.workerOptions());
    worker.registerWorkflowImplementationTypes(SiteOrchestratorWorkflowImpl.class);
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
    Path directory = Path.of(SiteOrchestratorReplayTest.class.getResource("/histories").toURI());
    try (Stream<Path> files = Files.list(directory)) {
      List<String> recorded =
          files
              .map(file -> file.getFileName().toString().replace(".json", ""))
              .filter(name -> name.startsWith(PREFIX))
              .sorted()
              .toList();
      assertEquals(HISTORIES.stream().sorted().toList(), recorded);
    }
  }

  private static String read(String name) throws IOException {
    try (InputStream in =
        SiteOrchestratorReplayTest.class.getResourceAsStream("/histories/" + name + ".json")) {
      assertNotNull(in, "missing history " + name + "; run SiteHistoryRecorder");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
