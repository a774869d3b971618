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
  void usesTheGoProvisionersTriesAndTimeoutsAndNeverRetriesPermanentTypes() {
    Map<String, ActivityOptions> options =
        ProvisioningActivityOptions.activityOptions(ActivityTimeouts.DEFAULTS);

    ActivityOptions csr = options.get(ActivityTypes.REQUEST_CSR);
    ActivityOptions inventory = options.get(ActivityTypes.FETCH_INVENTORY);
    assertEquals(3, csr.getRetryOptions().getMaximumAttempts());
    assertEquals(Duration.ofSeconds(22), csr.getStartToCloseTimeout());
    assertEquals(5, inventory.getRetryOptions().getMaximumAttempts());
    assertEquals(Duration.ofSeconds(4), inventory.getStartToCloseTimeout());
    assertEquals(Duration.ofSeconds(4), inventory.getHeartbeatTimeout());
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
                    Duration.ofSeconds(20)));
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
    ActivityTimeouts timeouts =
        ActivityTimeouts.DEFAULTS.withAttempts(ActivityTypes.REQUEST_CSR, 4);

    assertEquals(4, timeouts.attemptsOf(ActivityTypes.REQUEST_CSR));
    assertEquals(ActivityTimeouts.DEFAULT_ATTEMPTS, timeouts.attemptsOf(ActivityTypes.SIGN_CSR));
  }
}
