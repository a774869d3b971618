package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.CredentialActivities;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.HelperActivities;
import io.fleetwright.api.NodeChangeActivities;
import io.fleetwright.api.NodeRpcActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProvisioningActivityOptionsTest {
  @Test
  void coversEveryActivityMethodOfTheApiByItsTemporalTypeName() {
    Set<String> types =
        typeNames(NodeRpcActivities.class, CredentialActivities.class, HelperActivities.class);
    Set<String> changes = typeNames(NodeChangeActivities.class);
    Set<String> collective = typeNames(io.fleetwright.api.CollectiveActivities.class);
    changes.add(ActivityTypes.RELEASE_UPDATE);
    Set<String> upgrades = typeNames(io.fleetwright.api.NodeUpgradeActivities.class);

    Map<String, ActivityOptions> options =
        ProvisioningActivityOptions.activityOptions(ActivityTimeouts.DEFAULTS);

    assertEquals(Set.copyOf(ActivityTypes.NODE_CHANGES), changes);
    assertEquals(
        Stream.of(types, changes, collective, upgrades)
            .flatMap(Set::stream)
            .collect(Collectors.toSet()),
        options.keySet());
    assertEquals(Set.of(ActivityTypes.REPROVISION), collective);
    assertEquals(Set.of(ActivityTypes.RELEASE_UPDATE, ActivityTypes.AWAIT_VERSION), upgrades);
    assertEquals(
        types,
        ProvisioningActivityOptions.localActivityOptions(ActivityTimeouts.DEFAULTS).keySet(),
        "every type may run as a local activity; the helper since version 1 of local-helper");
  }

  private static Set<String> typeNames(Class<?>... interfaces) {
    return Stream.of(interfaces)
        .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
        .map(Method::getName)
        .map(name -> Character.toUpperCase(name.charAt(0)) + name.substring(1))
        .collect(Collectors.toSet());
  }

  @Test
  void usesTheGoProvisionersTimeoutsPerTryAndNeverRetriesPermanentTypes() {
    Map<String, ActivityOptions> options =
        ProvisioningActivityOptions.activityOptions(ActivityTimeouts.DEFAULTS);

    ActivityOptions csr = options.get(ActivityTypes.REQUEST_CSR);
    ActivityOptions inventory = options.get(ActivityTypes.FETCH_INVENTORY);
    assertEquals(Duration.ofSeconds(22), csr.getStartToCloseTimeout());
    assertEquals(Duration.ofSeconds(4), inventory.getStartToCloseTimeout());
    assertEquals(Duration.ofSeconds(4), inventory.getHeartbeatTimeout());
    assertEquals(5, options.get(ActivityTypes.CONFIGURE).getRetryOptions().getMaximumAttempts());
    assertEquals(3, options.get(ActivityTypes.RESTART).getRetryOptions().getMaximumAttempts());
    assertEquals(
        Duration.ofSeconds(10), options.get(ActivityTypes.CONFIGURE).getHeartbeatTimeout());
    options.forEach(
        (type, option) ->
            assertEquals(
                FailureTypes.NON_RETRYABLE,
                List.of(option.getRetryOptions().getDoNotRetry()),
                type + " must not retry permanent failure types"));
  }

  @Test
  void readsOfTheNodeRetryWithBackOffUntilTheirBudgetIsSpentKeepingTheirTimeoutPerTry() {
    ActivityTimeouts timeouts = ActivityTimeouts.DEFAULTS.withReadTotal(Duration.ofMinutes(4));
    Map<String, ActivityOptions> options = ProvisioningActivityOptions.activityOptions(timeouts);
    Map<String, LocalActivityOptions> local =
        ProvisioningActivityOptions.localActivityOptions(timeouts);

    assertEquals(
        Set.of(
            ActivityTypes.FETCH_JWT,
            ActivityTypes.GENERATE_ED25519,
            ActivityTypes.FETCH_INVENTORY,
            ActivityTypes.REQUEST_CSR,
            ActivityTypes.REQUEST_CHECKED_CSR,
            ActivityTypes.FETCH_INVENTORY_AND_CHECKED_CSR),
        Set.copyOf(ActivityTypes.NODE_READS));
    for (String type : ActivityTypes.NODE_READS) {
      for (RetryOptions retry :
          List.of(options.get(type).getRetryOptions(), local.get(type).getRetryOptions())) {
        assertEquals(0, retry.getMaximumAttempts(), type + " counts no attempts");
        assertEquals(Duration.ofMillis(500), retry.getInitialInterval(), type);
        assertEquals(2.0, retry.getBackoffCoefficient(), type);
        assertEquals(Duration.ofSeconds(5), retry.getMaximumInterval(), type);
      }
      assertEquals(Duration.ofMinutes(4), options.get(type).getScheduleToCloseTimeout(), type);
      assertEquals(Duration.ofMinutes(4), local.get(type).getScheduleToCloseTimeout(), type);
      assertEquals(
          Duration.ofMinutes(4),
          local.get(type).getLocalRetryThreshold(),
          type + " sleeps its back-off in the worker, never on a workflow timer");
    }
    assertEquals(
        Duration.ofSeconds(4), local.get(ActivityTypes.FETCH_INVENTORY).getStartToCloseTimeout());
    assertEquals(
        Duration.ofSeconds(22), local.get(ActivityTypes.REQUEST_CSR).getStartToCloseTimeout());
    assertEquals(
        Duration.ofSeconds(26),
        local.get(ActivityTypes.FETCH_INVENTORY_AND_CHECKED_CSR).getStartToCloseTimeout(),
        "two RPCs in one activity get both their timeouts");
    assertEquals(
        ActivityTimeouts.DEFAULT_READ_TOTAL,
        ProvisioningActivityOptions.activityOptions(ActivityTimeouts.DEFAULTS)
            .get(ActivityTypes.FETCH_INVENTORY)
            .getScheduleToCloseTimeout());
  }

  @Test
  void stepsOtherThanReadsKeepTheirTriesAndHaveNoReadBudget() {
    Map<String, LocalActivityOptions> local =
        ProvisioningActivityOptions.localActivityOptions(ActivityTimeouts.DEFAULTS);
    for (String type :
        List.of(
            ActivityTypes.CONFIGURE,
            ActivityTypes.RESTART,
            ActivityTypes.SHUTDOWN,
            ActivityTypes.RUN_HELPER,
            ActivityTypes.SIGN_CSR)) {
      assertEquals(
          ActivityTimeouts.DEFAULTS.attemptsOf(type),
          local.get(type).getRetryOptions().getMaximumAttempts(),
          type);
      assertEquals(null, local.get(type).getScheduleToCloseTimeout(), type);
      assertEquals(null, local.get(type).getLocalRetryThreshold(), type);
    }
    Map<String, ActivityOptions> options =
        ProvisioningActivityOptions.activityOptions(ActivityTimeouts.DEFAULTS);
    assertEquals(null, options.get(ActivityTypes.CONFIGURE).getScheduleToCloseTimeout());
  }

  @Test
  void rejectsAZeroTimeoutNamingTheField() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ActivityTimeouts(
                    Duration.ZERO,
                    Duration.ofSeconds(4),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(15),
                    Duration.ofSeconds(10),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(5),
                    Map.of(),
                    Duration.ofMinutes(2),
                    Duration.ofMinutes(10),
                    Duration.ofSeconds(20),
                    Duration.ofMinutes(3)));
    assertTrue(error.getMessage().startsWith("provisionRpc must be positive"), error.getMessage());
  }

  @Test
  void stepsThatChangeANodeAreFencedByAHeartbeatTimeoutAndRetriedUntilTheirBudgetIsSpent() {
    Map<String, ActivityOptions> options =
        ProvisioningActivityOptions.activityOptions(ActivityTimeouts.DEFAULTS);
    for (String type : ActivityTypes.NODE_CHANGES) {
      ActivityOptions option = options.get(type);
      assertEquals(Duration.ofSeconds(20), option.getHeartbeatTimeout(), type);
      assertEquals(
          ActivityTimeouts.DEFAULTS.changeTotal(), option.getScheduleToCloseTimeout(), type);
      assertEquals(0, option.getRetryOptions().getMaximumAttempts(), type + " counts no attempts");
      assertTrue(
          List.of(option.getRetryOptions().getDoNotRetry()).contains(FailureTypes.RPC_ABORTED),
          type);
      assertFalse(
          ProvisioningActivityOptions.localActivityOptions(ActivityTimeouts.DEFAULTS)
              .containsKey(type),
          type + " must never run as a local activity");
    }
  }

  @Test
  void letsOneActivityTypeHaveOtherTries() {
    ActivityTimeouts timeouts = ActivityTimeouts.DEFAULTS.withAttempts(ActivityTypes.RUN_HELPER, 4);

    assertEquals(4, timeouts.attemptsOf(ActivityTypes.RUN_HELPER));
    assertEquals(ActivityTimeouts.DEFAULT_ATTEMPTS, timeouts.attemptsOf(ActivityTypes.SIGN_CSR));
  }
}
