package io.fleetwright.app.discovery;

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
import io.temporal.workflow.CompletablePromise;
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
    /** Sleeps, then waits for {@link #finish} on a condition or on a promise (no wait seen). */
    @WorkflowMethod
    void run(long sleepMillis, boolean onCondition);

    @SignalMethod
    void finish();

    @QueryMethod
    boolean slept();
  }

  public static class PausesImpl implements Pauses {
    private final CompletablePromise<Void> finished = Workflow.newPromise();
    private boolean slept;

    @Override
    public void run(long sleepMillis, boolean onCondition) {
      Workflow.sleep(Duration.ofMillis(sleepMillis));
      slept = true;
      if (onCondition) {
        Workflow.await(finished::isCompleted);
      } else {
        finished.get();
      }
    }

    @Override
    public void finish() {
      finished.complete(null);
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
    return start(workflowId, sleepMillis, false);
  }

  private Pauses start(String workflowId, long sleepMillis, boolean onCondition)
      throws InterruptedException {
    assertTrue(admission.admit(workflowId));
    Pauses stub =
        env.getWorkflowClient()
            .newWorkflowStub(
                Pauses.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(QUEUE).build());
    WorkflowClient.start(stub::run, sleepMillis, onCondition);
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
  void waitingOnAConditionThatDoesNotHoldReleasesTheRun() throws Exception {
    String id = WorkflowIds.node("paused.example.net");
    Pauses run = start(id, 0, true);
    Await.until(
        Duration.ofSeconds(20),
        () -> !admission.isActive(id),
        () -> "waiting for a signal (as a paused node does) did not release the run");
    run.finish();
  }

  @Test
  void runsOfOtherWorkflowTypesAreNeverTouched() throws Exception {
    String id = "site/some-site-run";
    Pauses run = start(id, 1, true);
    Await.until(
        Duration.ofSeconds(20), run::slept, () -> "the workflow has not passed its 1 ms sleep");
    assertTrue(admission.isActive(id), "only node workflow IDs are released");
    run.finish();
  }
}
