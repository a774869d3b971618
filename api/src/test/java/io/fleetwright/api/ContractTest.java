package io.fleetwright.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names, IDs and validation rules that other modules and users' scripts rely on. */
class ContractTest {
  @Test
  void namesNodeWorkflowsAfterTheIdentity() {
    assertEquals("provision/node1.example.net", WorkflowIds.node("node1.example.net"));
    assertEquals(Optional.of("node1"), WorkflowIds.identityOf("provision/node1"));
    assertEquals(Optional.empty(), WorkflowIds.identityOf(WorkflowIds.CONTROL));
    assertEquals("provisioner/control", WorkflowIds.CONTROL);
    assertEquals("provisioning", TaskQueues.PROVISIONING);
  }

  /** The subject rules are protocol's NodeIdentity's (NodeIdentityTest); here only presence. */
  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void rejectsAMissingIdentity(String identity) {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> WorkflowIds.node(identity));
    assertTrue(error.getMessage().contains("identity"), error.getMessage());
  }

  @Test
  void keepsTheStateNamesThatSearchAttributesAndTheCliUse() {
    assertEquals(
        List.of(
            "DISCOVERED",
            "INVENTORY",
            "CSR",
            "HELPER",
            "DEFERRED",
            "AWAITING_APPROVAL",
            "CONFIGURING",
            "RESTARTING",
            "PROVISIONED",
            "RENEWAL_WAIT",
            "REPROVISIONING",
            "SHUT_DOWN",
            "REJECTED",
            "FAILED",
            "CANCELLED"),
        java.util.Arrays.stream(ProvisioningState.values()).map(Enum::name).toList());
    assertTrue(ProvisioningState.SHUT_DOWN.terminal());
    assertFalse(ProvisioningState.DEFERRED.terminal());
    assertFalse(ProvisioningState.RENEWAL_WAIT.terminal());
    assertTrue(ProvisioningState.REJECTED.terminal());
    assertFalse(ProvisioningState.AWAITING_APPROVAL.terminal());
  }

  @Test
  void registersTheSevenSearchAttributesWithTheirCliTypes() {
    assertEquals(
        Map.of(
            "ProvisioningState", "Keyword",
            "NodeIdentity", "Keyword",
            "ProvisioningAttempt", "Int",
            "Site", "Keyword",
            "CredentialsExpireAt", "Datetime",
            "ChoriaVersionBefore", "Keyword",
            "ChoriaVersionAfter", "Keyword"),
        SearchAttributeKeys.REGISTRATION);
    assertEquals(
        List.copyOf(SearchAttributeKeys.REGISTRATION.keySet()),
        List.copyOf(SearchAttributeKeys.indexedValueTypes().keySet()));
  }

  @Test
  void makesEd25519ImplyJwtAndRejectsItWithPki() {
    assertTrue(new Features(false, false, true).jwt());
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new Features(true, false, true));
    assertTrue(error.getMessage().contains("mutually exclusive"), error.getMessage());
  }

  @Test
  void growsTheDeferralWaitExponentiallyUpToItsCap() {
    DeferPolicy policy = new DeferPolicy(Duration.ofMinutes(1), Duration.ofMinutes(5), 2, 0, 10);

    assertEquals(Duration.ofMinutes(1), policy.delayAfter(1, 0.7));
    assertEquals(Duration.ofMinutes(2), policy.delayAfter(2, 0.7));
    assertEquals(Duration.ofMinutes(4), policy.delayAfter(3, 0.7));
    assertEquals(Duration.ofMinutes(5), policy.delayAfter(4, 0.7));
  }

  @Test
  void jittersTheDeferralWaitWithinItsFraction() {
    DeferPolicy policy = new DeferPolicy(Duration.ofMinutes(10), Duration.ofHours(1), 2, 0.2, 10);

    assertEquals(Duration.ofMinutes(8), policy.delayAfter(1, 0.0));
    assertEquals(Duration.ofMinutes(10), policy.delayAfter(1, 0.5));
    assertEquals(Duration.ofMinutes(12), policy.delayAfter(1, 1.0));
  }

  @Test
  void rejectsADeferPolicyNamingTheFieldAndAnExample() {
    IllegalArgumentException attempts =
        assertThrows(
            IllegalArgumentException.class,
            () -> new DeferPolicy(Duration.ofMinutes(1), Duration.ofMinutes(5), 2, 0.1, 0));
    IllegalArgumentException jitter =
        assertThrows(
            IllegalArgumentException.class,
            () -> new DeferPolicy(Duration.ofMinutes(1), Duration.ofMinutes(5), 2, 1.5, 3));

    assertEquals(
        "defer.maxAttempts must be between 1 and 200, e.g. 100; got 0", attempts.getMessage());
    assertEquals(
        "defer.jitter must be in [0, 1), e.g. 0.2 for ±20 %; got 1.5", jitter.getMessage());
  }

  @Test
  void fillsTheDefaultsOfAMinimalInput() {
    ProvisionInput input = new ProvisionInput("n1", null, null, null, false, null, false);

    assertEquals("", input.site());
    assertEquals(Features.NONE, input.features());
    assertEquals(DeferPolicy.DEFAULT, input.defer());
  }

  @Test
  void startsNodeWorkflowsDeduplicatedWithSummaryAndSearchAttributes() {
    ProvisionInput input = ProvisionInput.of("n1.example.net", "lab", Features.NONE, "lifecycle");

    WorkflowOptions options = NodeWorkflowOptions.forNode(input, TaskQueues.PROVISIONING);

    assertEquals("provision/n1.example.net", options.getWorkflowId());
    assertEquals("provision n1.example.net (site lab, via lifecycle)", options.getStaticSummary());
    assertEquals(
        WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
        options.getWorkflowIdConflictPolicy());
    assertEquals(
        "DISCOVERED",
        options.getTypedSearchAttributes().get(SearchAttributeKeys.PROVISIONING_STATE));
    assertEquals("lab", options.getTypedSearchAttributes().get(SearchAttributeKeys.SITE));
    assertEquals("provision n1", WorkflowSummaries.node("n1", ""));
  }

  @Test
  void theSummaryNamesWhatFoundTheNodeAndStatusReadsItBack() {
    assertEquals("provision n1 (via broadcast)", WorkflowSummaries.node("n1", "", "broadcast"));
    assertEquals("provision n1 (site lab)", WorkflowSummaries.node("n1", "lab", ""));
    for (String source : List.of("lifecycle", "registration", "broadcast", "cli")) {
      assertEquals(
          Optional.of(source),
          WorkflowSummaries.source(WorkflowSummaries.node("n1.example.net", "lab", source)));
      assertEquals(
          Optional.of(source), WorkflowSummaries.source(WorkflowSummaries.node("n1", "", source)));
    }
    assertEquals(Optional.empty(), WorkflowSummaries.source("provision n1 (site lab)"));
    assertEquals(Optional.empty(), WorkflowSummaries.source(null));
  }

  @Test
  void neverPrintsASealedSecret() {
    assertEquals("SealedSecret[12 chars]", new SealedSecret("sealed:v1:xy").toString());
  }

  @Test
  void listsEveryPermanentFailureTypeAsNonRetryable() {
    assertFalse(FailureTypes.retryable(FailureTypes.CSR_INVALID));
    assertFalse(FailureTypes.retryable(FailureTypes.HELPER_OUTPUT_INVALID));
    assertTrue(FailureTypes.retryable(FailureTypes.NODE_UNREACHABLE));
    assertTrue(FailureTypes.retryable(FailureTypes.HELPER_TIMEOUT));
    assertTrue(FailureTypes.retryable(FailureTypes.NODE_LOCKED));
  }
}
