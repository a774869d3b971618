package io.fleetwright.app.discovery;

import static io.fleetwright.app.discovery.NodeStarter.Outcome.ALREADY_RUNNING;
import static io.fleetwright.app.discovery.NodeStarter.Outcome.ERROR;
import static io.fleetwright.app.discovery.NodeStarter.Outcome.FAILED_BACKING_OFF;
import static io.fleetwright.app.discovery.NodeStarter.Outcome.HELD_AFTER_SUCCESS;
import static io.fleetwright.app.discovery.NodeStarter.Outcome.RECENTLY_SEEN;
import static io.fleetwright.app.discovery.NodeStarter.Outcome.STARTED;
import static io.fleetwright.app.discovery.NodeStarter.Outcome.WAITING_FOR_OPERATOR;
import static io.fleetwright.app.discovery.NodeStarter.Source.BROADCAST;
import static io.fleetwright.app.discovery.NodeStarter.Source.LIFECYCLE;
import static io.fleetwright.app.discovery.NodeStarter.Source.REGISTRATION;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT;
import static io.temporal.api.enums.v1.WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE;
import static io.temporal.api.enums.v1.WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.api.Features;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.protocol.NodeIdentity;
import io.fleetwright.testing.ManualClock;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the starter does with a sighting, for each way the node's last run ended. */
class NodeStarterTest {
  private static final NodeIdentity NODE = NodeIdentity.of("node-00001.fleet.example.net");
  private static final Duration DEDUPE = Duration.ofSeconds(10);
  private static final Duration HOLD = Duration.ofSeconds(60);
  private static final Duration BACKOFF = Duration.ofMinutes(5);
  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final FakeRuns runs = new FakeRuns();

  private NodeStarter starter(Duration backoff) {
    return new NodeStarter(
        runs,
        (identity, source) ->
            ProvisionInput.of(identity.value(), "test", Features.NONE, source.label()),
        () -> false,
        DEDUPE,
        HOLD,
        backoff,
        clock);
  }

  @Test
  void theSourceThatSawTheNodeIsRecordedInItsRun() {
    assertEquals(STARTED, starter(BACKOFF).seen(NODE, REGISTRATION, Instant.EPOCH));
    runs.last(WORKFLOW_EXECUTION_STATUS_FAILED, T0);
    clock.advance(Duration.ofSeconds(3));

    assertEquals(STARTED, starter(BACKOFF).seen(NODE, LIFECYCLE, T0.plusSeconds(2)));
    assertEquals(List.of("registration", "lifecycle"), runs.discoveredBy);
  }

  @Test
  void aNodeWithoutARunGetsItsFirstRun() {
    assertEquals(STARTED, starter(BACKOFF).seen(NODE, BROADCAST, clock.instant()));
    assertEquals(List.of("first"), runs.starts);
  }

  @Test
  void aRunningNodeIsLeftAlone() {
    runs.last(WORKFLOW_EXECUTION_STATUS_RUNNING, null);
    assertEquals(ALREADY_RUNNING, starter(BACKOFF).seen(NODE, LIFECYCLE, clock.instant()));
    assertEquals(List.of(), runs.starts);
  }

  @Test
  void aFailedNodeThatStartsUpAfterItsFailureIsProvisionedAgainAtOnce() {
    runs.last(WORKFLOW_EXECUTION_STATUS_FAILED, T0);
    clock.advance(Duration.ofSeconds(3));

    assertEquals(STARTED, starter(BACKOFF).seen(NODE, LIFECYCLE, T0.plusSeconds(2)));
    assertEquals(
        List.of("again " + WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY), runs.starts);
  }

  @Test
  void aStartupEventFromBeforeTheFailureHealsNothingEvenAfterTheBackOff() {
    runs.last(WORKFLOW_EXECUTION_STATUS_FAILED, T0);
    clock.advance(BACKOFF.plusMinutes(1));

    assertEquals(FAILED_BACKING_OFF, starter(BACKOFF).seen(NODE, LIFECYCLE, T0.minusSeconds(1)));
    assertEquals(List.of(), runs.starts);
  }

  @Test
  void broadcastDiscoveryHealsAFailedNodeOnlyOnceTheBackOffHasPassed() {
    runs.last(WORKFLOW_EXECUTION_STATUS_FAILED, T0);
    NodeStarter starter = starter(BACKOFF);
    clock.advance(BACKOFF.minusSeconds(1));
    assertEquals(FAILED_BACKING_OFF, starter.seen(NODE, BROADCAST, clock.instant()));

    clock.advance(DEDUPE);
    // A round that started before the back-off ended saw the node too early, however late it is
    // handled.
    assertEquals(
        FAILED_BACKING_OFF, starter.seen(NODE, BROADCAST, T0.plus(BACKOFF).minusMillis(1)));
    assertEquals(List.of(), runs.starts);

    clock.advance(DEDUPE);
    assertEquals(STARTED, starter.seen(NODE, BROADCAST, T0.plus(BACKOFF)));
    assertEquals(
        List.of("again " + WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY), runs.starts);
  }

  @Test
  void registrationHasNoTimeOfItsOwnSoItHealsWhenHandledAfterTheBackOff() {
    runs.last(WORKFLOW_EXECUTION_STATUS_FAILED, T0);
    NodeStarter starter = starter(BACKOFF);
    clock.advance(Duration.ofMinutes(1));
    assertEquals(FAILED_BACKING_OFF, starter.seen(NODE, REGISTRATION, Instant.EPOCH));

    clock.advance(BACKOFF);
    assertEquals(STARTED, starter.seen(NODE, REGISTRATION, Instant.EPOCH));
  }

  @Test
  void aTimedOutRunHealsLikeAFailedOne() {
    runs.last(WORKFLOW_EXECUTION_STATUS_TIMED_OUT, T0);
    clock.advance(BACKOFF);
    assertEquals(STARTED, starter(BACKOFF).seen(NODE, BROADCAST, clock.instant()));
  }

  @Test
  void withTheBackOffOffAFailedNodeWaitsForAnOperatorWhateverSeesIt() {
    runs.last(WORKFLOW_EXECUTION_STATUS_FAILED, T0);
    NodeStarter starter = starter(Duration.ZERO);
    clock.advance(Duration.ofDays(1));
    assertEquals(WAITING_FOR_OPERATOR, starter.seen(NODE, LIFECYCLE, clock.instant()));
    clock.advance(DEDUPE);
    assertEquals(WAITING_FOR_OPERATOR, starter.seen(NODE, BROADCAST, clock.instant()));
    assertEquals(List.of(), runs.starts);
  }

  @Test
  void cancelledAndTerminatedNodesWaitForAnOperatorEvenAfterTheyStartUpAgain() {
    for (WorkflowExecutionStatus stopped :
        List.of(WORKFLOW_EXECUTION_STATUS_CANCELED, WORKFLOW_EXECUTION_STATUS_TERMINATED)) {
      runs.last(stopped, T0);
      clock.advance(Duration.ofDays(1));
      NodeStarter starter = starter(BACKOFF);
      assertEquals(
          WAITING_FOR_OPERATOR, starter.seen(NODE, LIFECYCLE, clock.instant()), stopped.name());
      clock.advance(DEDUPE);
      assertEquals(
          WAITING_FOR_OPERATOR, starter.seen(NODE, BROADCAST, clock.instant()), stopped.name());
    }
    assertEquals(List.of(), runs.starts);
  }

  @Test
  void aRejectedNodeWaitsForAnOperatorEvenAfterItStartsUpAgain() {
    runs.last =
        new NodeStarter.LastRun("run-1", WORKFLOW_EXECUTION_STATUS_COMPLETED, T0, "REJECTED");
    NodeStarter starter = starter(BACKOFF);
    clock.advance(Duration.ofDays(1));
    assertEquals(WAITING_FOR_OPERATOR, starter.seen(NODE, LIFECYCLE, clock.instant()));
    clock.advance(DEDUPE);
    assertEquals(WAITING_FOR_OPERATOR, starter.seen(NODE, BROADCAST, clock.instant()));
    assertEquals(List.of(), runs.starts);
  }

  @Test
  void aProvisionedNodeSeenWithinTheHoldIsNotProvisionedAgainButOneSeenAfterItIs() {
    runs.last(WORKFLOW_EXECUTION_STATUS_COMPLETED, T0);
    NodeStarter starter = starter(BACKOFF);
    clock.advance(HOLD.plusSeconds(30));
    assertEquals(HELD_AFTER_SUCCESS, starter.seen(NODE, LIFECYCLE, T0.plusSeconds(59)));

    clock.advance(DEDUPE);
    assertEquals(STARTED, starter.seen(NODE, LIFECYCLE, T0.plus(HOLD)));
    assertEquals(List.of("again " + WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE), runs.starts);
  }

  @Test
  void aSecondSightingWithinTheDedupeWindowIsDroppedUnlessTheNodeBootedSince() {
    runs.last(WORKFLOW_EXECUTION_STATUS_FAILED, T0);
    NodeStarter starter = starter(BACKOFF);
    clock.advance(Duration.ofSeconds(2));
    assertEquals(FAILED_BACKING_OFF, starter.seen(NODE, BROADCAST, clock.instant()));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(RECENTLY_SEEN, starter.seen(NODE, BROADCAST, clock.instant()));

    assertEquals(STARTED, starter.seen(NODE, LIFECYCLE, T0.plusSeconds(1)));
    // The same startup event again (a second subscription, a redelivery) is a duplicate.
    assertEquals(RECENTLY_SEEN, starter.seen(NODE, LIFECYCLE, T0.plusSeconds(1)));
  }

  @Test
  void aStartupEventIsNotDroppedBecauseTheRegistrationOfTheSameBootCameFirst() {
    runs.last(WORKFLOW_EXECUTION_STATUS_FAILED, T0);
    NodeStarter starter = starter(BACKOFF);
    clock.advance(Duration.ofSeconds(5));
    // Both are published at boot; registration happened to be handled first.
    assertEquals(FAILED_BACKING_OFF, starter.seen(NODE, REGISTRATION, Instant.EPOCH));
    assertEquals(STARTED, starter.seen(NODE, LIFECYCLE, T0.plusSeconds(4)));
  }

  @Test
  void aRetryThatAnotherStarterCompletedMeanwhileIsNotStartedAgain() {
    runs.last(WORKFLOW_EXECUTION_STATUS_FAILED, T0);
    runs.refuseAgain = true;
    clock.advance(BACKOFF);
    assertEquals(ALREADY_RUNNING, starter(BACKOFF).seen(NODE, BROADCAST, clock.instant()));
  }

  @Test
  void aTemporalErrorIsReportedAndTheNextSightingTriesAgain() {
    runs.failure = new IllegalStateException("UNAVAILABLE: connection refused");
    NodeStarter starter = starter(BACKOFF);
    assertEquals(ERROR, starter.seen(NODE, BROADCAST, clock.instant()));

    runs.failure = null;
    assertEquals(STARTED, starter.seen(NODE, BROADCAST, clock.instant()));
  }

  /** Temporal as the starter sees it: one node whose latest run is set by the test. */
  private static final class FakeRuns implements NodeStarter.Runs {
    final List<String> starts = new ArrayList<>();
    final List<String> discoveredBy = new ArrayList<>();
    NodeStarter.LastRun last;
    boolean refuseAgain;
    RuntimeException failure;

    void last(WorkflowExecutionStatus status, Instant closedAt) {
      last = new NodeStarter.LastRun("run-1", status, closedAt);
    }

    @Override
    public Optional<String> startFirst(ProvisionInput input) {
      if (failure != null) {
        throw failure;
      }
      if (last != null) {
        return Optional.empty();
      }
      starts.add("first");
      discoveredBy.add(input.discoveredBy());
      return Optional.of("run-1");
    }

    @Override
    public NodeStarter.LastRun latest(String identity) {
      return last;
    }

    @Override
    public Optional<String> startAgain(ProvisionInput input, WorkflowIdReusePolicy reuse) {
      if (refuseAgain) {
        return Optional.empty();
      }
      starts.add("again " + reuse);
      discoveredBy.add(input.discoveredBy());
      return Optional.of("run-2");
    }
  }
}
