package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.fleetwright.api.CollectiveActivities;
import io.fleetwright.api.Features;
import io.fleetwright.api.Lineage;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.RenewalPolicy;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Renewal before expiry: a node's chain of runs, a year of it in milliseconds of test time. */
class NodeRenewalTest {
  private static final Duration VALIDITY = Duration.ofDays(90);
  private static final RenewalPolicy THIRTY_DAYS = RenewalPolicy.before(Duration.ofDays(30));
  private static final Features ED25519 = new Features(false, true, true);

  @RegisterExtension static final TestWorkflowExtension temporal = Environments.extension();

  /** A server JWT whose {@code exp} is {@code at}, as the credential activity signs one. */
  static String serverJwt(Instant at) {
    String claims = "{\"sub\":\"node1\",\"exp\":%d}".formatted(at.getEpochSecond());
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"EdDSA\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8))
        + ".sig";
  }

  /** Mocks a CA that issues 90-day server JWTs from the test environment's clock. */
  static CollectiveActivities renewable(FakeNode node, TestWorkflowEnvironment env, Worker w) {
    when(node.credentials.signServerJwt(any()))
        .thenAnswer(
            call -> serverJwt(Instant.ofEpochMilli(env.currentTimeMillis()).plus(VALIDITY)));
    CollectiveActivities collective =
        mock(CollectiveActivities.class, withSettings().withoutAnnotations());
    when(collective.reprovision(anyString())).thenReturn("Restarting after 7s");
    w.registerActivitiesImplementations(collective);
    return collective;
  }

  @Test
  void renewsANodeBeforeExpiryForAYearInOneChainOfRuns(TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    CollectiveActivities collective = renewable(node, env, worker);
    env.start();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", ED25519, "test").withRenewal(THIRTY_DAYS);
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);
    String firstRun = WorkflowStub.fromTyped(stub).getExecution().getRunId();

    env.sleep(Duration.ofDays(365));

    NodeStatus status = stub.status();
    // 90-day credentials renewed 30 to 33 days early: every 57 to 60 days, so 6 renewals a year.
    Lineage lineage = status.lineage();
    assertNotNull(lineage, status.toString());
    assertEquals(7, lineage.generation(), status.toString());
    assertEquals(firstRun, lineage.firstRunId());
    assertTrue(lineage.reason().startsWith("renewal: credentials expire at"), lineage.reason());
    assertEquals(ProvisioningState.RENEWAL_WAIT, status.state(), status.toString());
    verify(collective, atLeast(6)).reprovision(FakeNode.IDENTITY);
    OffsetDateTime expiry = Environments.attribute(stub, SearchAttributeKeys.CREDENTIALS_EXPIRE_AT);
    assertNotNull(expiry, "CredentialsExpireAt is not set");
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    assertTrue(expiry.toInstant().isAfter(now.plus(Duration.ofDays(30))), expiry + " vs " + now);
    assertTrue(
        Environments.currentDetails(stub).contains("run 7 of this node, because of renewal"),
        Environments.currentDetails(stub));
    assertEquals(
        "ProvisioningState=RENEWAL_WAIT",
        "ProvisioningState="
            + Environments.attribute(stub, SearchAttributeKeys.PROVISIONING_STATE));
    WorkflowStub.fromTyped(stub).terminate("test over");
  }

  @Test
  void continuesAsNewOnlyAfterTheNodeWasPutBackIntoProvisioningMode(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    CollectiveActivities collective = renewable(node, env, worker);
    env.start();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", ED25519, "test").withRenewal(THIRTY_DAYS);
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);
    String firstRun = WorkflowStub.fromTyped(stub).getExecution().getRunId();

    env.sleep(Duration.ofDays(62));

    var events =
        env.getWorkflowClient()
            .fetchHistory(WorkflowIds.node(FakeNode.IDENTITY), firstRun)
            .getEvents();
    int scheduled = -1;
    for (int i = 0; i < events.size(); i++) {
      var event = events.get(i);
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
          && event
              .getActivityTaskScheduledEventAttributes()
              .getActivityType()
              .getName()
              .equals(ActivityTypes.REPROVISION)) {
        scheduled = i;
      }
    }
    assertTrue(scheduled > 0, "no Reprovision activity in the first run");
    var timer =
        events.subList(scheduled, events.size()).stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no wait after Reprovision: " + events));
    assertEquals(
        StepSummaries.reprovisionWait(THIRTY_DAYS.returnWait()),
        io.temporal.common.converter.DefaultDataConverter.newDefaultInstance()
            .fromPayload(timer.getUserMetadata().getSummary(), String.class, String.class),
        "the wait's summary in the Web UI");
    assertEquals(
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
        events.get(events.size() - 1).getEventType());
    verify(collective).reprovision(FakeNode.IDENTITY);
    WorkflowStub.fromTyped(stub).terminate("test over");
  }

  @Test
  void endsCancelledWhenCancelledWhileWaitingToRenew(TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    CollectiveActivities collective = renewable(node, env, worker);
    env.start();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", ED25519, "test").withRenewal(THIRTY_DAYS);
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);
    io.fleetwright.testing.Await.until(
        "RENEWAL_WAIT", stub::status, s -> s.state() == ProvisioningState.RENEWAL_WAIT);

    WorkflowStub.fromTyped(stub).cancel();

    assertThrows(io.temporal.client.WorkflowFailedException.class, () -> stub.provision(input));
    assertEquals("CANCELLED", Environments.attribute(stub, SearchAttributeKeys.PROVISIONING_STATE));
    verify(collective, never()).reprovision(anyString());
  }

  @Test
  void endsProvisionedWhenTheCredentialsAreShorterThanTheMargin(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    CollectiveActivities collective = renewable(node, env, worker);
    env.start();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", ED25519, "test")
            .withRenewal(RenewalPolicy.before(Duration.ofDays(120)));
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);

    ProvisionResult result = stub.provision(input);

    assertEquals(ProvisioningState.PROVISIONED, result.state());
    verify(collective, never()).reprovision(anyString());
    assertFalse(hasVersionMarker(env), "a run that does not renew recorded a version marker");
  }

  @Test
  void endsProvisionedWithoutAMarkerWhenRenewalIsOff(TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    renewable(node, env, worker);
    env.start();
    ProvisionInput input = ProvisionInput.of(FakeNode.IDENTITY, "lab", ED25519, "test");
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);

    assertEquals(ProvisioningState.PROVISIONED, stub.provision(input).state());
    assertFalse(hasVersionMarker(env), "renewal off recorded a version marker");
  }

  @Test
  void jittersTheRenewalTimeWithinTheMargin() {
    Instant expiry = Instant.parse("2027-06-01T00:00:00Z");
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      Instant at = Renewal.renewAt(expiry, THIRTY_DAYS, random);
      assertFalse(at.isAfter(expiry.minus(Duration.ofDays(30))), at.toString());
      assertTrue(at.isAfter(expiry.minus(Duration.ofDays(33))), at.toString());
    }
  }

  @Test
  void readsTheExpiryOfAServerJwt() {
    Instant exp = Instant.parse("2027-01-02T03:04:05Z");
    assertEquals(exp, CredentialExpiry.jwt(serverJwt(exp)).orElseThrow());
    assertTrue(CredentialExpiry.jwt("not.a-jwt").isEmpty());
    assertTrue(CredentialExpiry.certificate("-----BEGIN CERTIFICATE-----\nx\n").isEmpty());
  }

  private static boolean hasVersionMarker(TestWorkflowEnvironment env) {
    return env
        .getWorkflowClient()
        .fetchHistory(WorkflowIds.node(FakeNode.IDENTITY))
        .getEvents()
        .stream()
        .anyMatch(
            e ->
                e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
                    && e.getMarkerRecordedEventAttributes()
                        .getDetailsMap()
                        .toString()
                        .contains(Renewal.CHANGE_ID));
  }
}
