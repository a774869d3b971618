package io.fleetwright.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.WorkflowIds;
import io.fleetwright.testing.Await;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdmissionInterceptorTest {
  private static final String QUEUE = "admission-test";

  @WorkflowInterface
  public interface Pauses {
    @WorkflowMethod
    void run(long sleepMillis);

    @SignalMethod
    void finish();

    @QueryMethod
    boolean slept();
  }

  public static class PausesImpl implements Pauses {
    private boolean slept;
    private boolean finish;

    @Override
    public void run(long sleepMillis) {
      Workflow.sleep(Duration.ofMillis(sleepMillis));
      slept = true;
      Workflow.await(() -> finish);
    }

    @Override
    public void finish() {
      finish = true;
    }

    @Override
    public boolean slept() {
      return slept;
    }
  }

  private final NodeAdmission admission =
      new NodeAdmission(10, Duration.ofMinutes(10), Clock.systemUTC());
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new AdmissionInterceptor(admission))
                        .build())
                .build());
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(PausesImpl.class);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private Pauses start(String workflowId, long sleepMillis) throws InterruptedException {
    assertTrue(admission.admit(workflowId));
    Pauses stub =
        env.getWorkflowClient()
            .newWorkflowStub(
                Pauses.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(QUEUE).build());
    WorkflowClient.start(stub::run, sleepMillis);
    return stub;
  }

  @Test
  void aShortCheckpointKeepsTheRunActiveAndItsEndReleasesIt() throws Exception {
    String id = WorkflowIds.node("short.example.net");
    Pauses run = start(id, 1);
    Await.until(
        Duration.ofSeconds(20), run::slept, () -> "the workflow has not passed its 1 ms sleep");
    assertTrue(admission.isActive(id), "a 1 ms checkpoint is not a wait");
    run.finish();
    env.getWorkflowClient().newUntypedWorkflowStub(id).getResult(Void.class);
    assertFalse(admission.isActive(id), "a finished run leaves admission");
  }

  @Test
  void aWaitOfASecondOrMoreReleasesTheRunWhileItWaits() throws Exception {
    String id = WorkflowIds.node("deferred.example.net");
    start(id, Duration.ofHours(1).toMillis());
    Await.until(
        Duration.ofSeconds(20),
        () -> !admission.isActive(id),
        () -> "a deferral-sized timer did not release the run");
  }

  @Test
  void runsOfOtherWorkflowTypesAreNeverTouched() throws Exception {
    String id = "site/some-site-run";
    Pauses run = start(id, Duration.ofHours(1).toMillis());
    Thread.sleep(500);
    assertTrue(admission.isActive(id), "only node workflow IDs are released");
    run.finish();
  }
}
