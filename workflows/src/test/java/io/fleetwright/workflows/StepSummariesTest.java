package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fleetwright.api.Features;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Activities and timers show readable summaries in the Web UI, not type names or timer IDs. */
class StepSummariesTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Environments.extension();

  @Test
  void everyActivityTypeAndLocalActivityTypeHasASummaryOfItsOwn() {
    Map<String, ActivityOptions> regular =
        ProvisioningActivityOptions.activityOptions(ActivityTimeouts.DEFAULTS);
    Map<String, LocalActivityOptions> local =
        ProvisioningActivityOptions.localActivityOptions(ActivityTimeouts.DEFAULTS);
    regular.forEach(
        (type, options) -> {
          assertEquals(StepSummaries.activity(type), options.getSummary(), type);
          assertNotEquals(type, options.getSummary());
        });
    local.forEach(
        (type, options) -> assertEquals(StepSummaries.activity(type), options.getSummary(), type));
  }

  @Test
  void aProvisionedNodesHistoryCarriesEachStepsSummary(TestWorkflowEnvironment env, Worker worker) {
    new FakeNode().on(worker);
    env.start();
    Features features = new Features(true, false, false);
    NodeProvisioningWorkflow stub =
        Environments.start(
            env.getWorkflowClient(),
            worker,
            ProvisionInput.of(FakeNode.IDENTITY, "lab", features, "test")
                .withLocalActivities(true));

    WorkflowStub untyped = WorkflowStub.fromTyped(stub);
    assertEquals(ProvisioningState.PROVISIONED, untyped.getResult(ProvisionResult.class).state());

    String id = untyped.getExecution().getWorkflowId();
    List<String> summaries = new ArrayList<>();
    for (HistoryEvent event : env.getWorkflowClient().fetchHistory(id).getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
          || (event.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
              && event
                  .getMarkerRecordedEventAttributes()
                  .getMarkerName()
                  .equals("LocalActivity"))) {
        assertFalse(event.getUserMetadata().getSummary().getData().isEmpty(), event.toString());
        summaries.add(text(event.getUserMetadata().getSummary()));
      }
    }
    assertEquals(
        List.of(
            StepSummaries.activity(ActivityTypes.FETCH_INVENTORY_AND_CHECKED_CSR),
            StepSummaries.activity(ActivityTypes.RUN_HELPER),
            StepSummaries.activity(ActivityTypes.APPLY_CONFIGURATION)),
        summaries);
  }

  private static String text(Payload payload) {
    return DefaultDataConverter.newDefaultInstance()
        .fromPayload(payload, String.class, String.class);
  }
}
