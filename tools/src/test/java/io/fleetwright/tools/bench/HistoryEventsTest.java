package io.fleetwright.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryEventsTest {

  private static HistoryEvent event(EventType type) {
    return HistoryEvent.newBuilder().setEventType(type).build();
  }

  @Test
  void aHistoryCountsItsEventsAndItsTimedOutWorkflowTasks() {
    List<HistoryEvent> history =
        List.of(
            event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED),
            event(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED),
            event(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED),
            event(EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT),
            event(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED));

    assertEquals(new HistoryEvents.Counts(5, 1), HistoryEvents.Counts.of(history));
  }

  @Test
  void theSummaryIsTheMeanOfEventsAndTheSumOfTimeoutsOverEveryHistoryRead() {
    Map<String, Object> figures =
        HistoryEvents.summary(
            List.of(
                new HistoryEvents.Counts(14, 0),
                new HistoryEvents.Counts(14, 0),
                new HistoryEvents.Counts(17, 2)));

    assertEquals(15.0, figures.get("events_per_node"));
    assertEquals(2L, figures.get("workflow_task_timeouts"));
    assertEquals(3, figures.get("histories_read"));
  }

  @Test
  void noHistoriesGiveZeroes() {
    assertEquals(
        Map.of("events_per_node", 0.0, "workflow_task_timeouts", 0L, "histories_read", 0),
        HistoryEvents.summary(List.of()));
  }
}
