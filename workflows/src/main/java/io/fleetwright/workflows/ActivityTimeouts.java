package io.fleetwright.workflows;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Timeouts and retry limits of the provisioning activities, from the worker's configuration.
 *
 * @param provisionRpc start-to-close of one {@code choria_provision} try (Go: 2 s discovery + 20 s)
 * @param inventoryRpc start-to-close of one {@code rpcutil#inventory} try (Go: 2 s + 2 s)
 * @param rpcHeartbeat heartbeat timeout of the node RPC activities; they heartbeat while waiting
 * @param helper start-to-close of one helper run (the helper's own limit is 10 s)
 * @param credential start-to-close of one credential check or signing
 * @param retryInitialInterval first retry interval (Go: 0.5 s)
 * @param retryMaxInterval longest retry interval (Go: 5 s)
 * @param maxAttempts activity type ({@code FetchInventory}, ...) to tries; missing types get 3
 * @param changeAttempt start-to-close of one attempt of a step that changes a node ({@link
 *     ActivityTypes#NODE_CHANGES}): the restart window, a probe and up to three RPCs
 * @param changeTotal schedule-to-close of such a step: its attempts are not counted, they go on
 *     until this much time has passed or one fails for good
 * @param changeHeartbeat heartbeat timeout of such a step; an attempt's requests expire a little
 *     before it (its fence), so a worker slower than this leaves the step to the next attempt
 */
public record ActivityTimeouts(
    Duration provisionRpc,
    Duration inventoryRpc,
    Duration rpcHeartbeat,
    Duration helper,
    Duration credential,
    Duration retryInitialInterval,
    Duration retryMaxInterval,
    Map<String, Integer> maxAttempts,
    Duration changeAttempt,
    Duration changeTotal,
    Duration changeHeartbeat) {

  /** Tries per activity type when {@link #maxAttempts} has none. */
  public static final int DEFAULT_ATTEMPTS = 3;

  /**
   * The Go provisioner's timeouts and tries (jwt 3, gen25519 5, inventory 5, ...), except gencsr:
   * Go tries it once because each try makes the node a new key. Here all tries run in one workflow
   * task and only the last answer is used; the node handles requests one at a time in the order
   * they came, so its last key is the one in that answer. A node too busy to answer in 22 s (a
   * loaded host making RSA keys) then gets another chance instead of failing.
   */
  public static final ActivityTimeouts DEFAULTS =
      new ActivityTimeouts(
          Duration.ofSeconds(22),
          Duration.ofSeconds(4),
          Duration.ofSeconds(10),
          Duration.ofSeconds(15),
          Duration.ofSeconds(10),
          Duration.ofMillis(500),
          Duration.ofSeconds(5),
          goTries(),
          Duration.ofMinutes(2),
          Duration.ofMinutes(10),
          Duration.ofSeconds(20));

  /** Validates; messages name the field. */
  public ActivityTimeouts {
    positive(provisionRpc, "provisionRpc");
    positive(inventoryRpc, "inventoryRpc");
    positive(rpcHeartbeat, "rpcHeartbeat");
    positive(helper, "helper");
    positive(credential, "credential");
    positive(retryInitialInterval, "retryInitialInterval");
    positive(retryMaxInterval, "retryMaxInterval");
    positive(changeAttempt, "changeAttempt");
    positive(changeTotal, "changeTotal");
    positive(changeHeartbeat, "changeHeartbeat");
    maxAttempts = Map.copyOf(Objects.requireNonNull(maxAttempts, "maxAttempts"));
    maxAttempts.forEach(
        (type, tries) -> {
          if (tries < 1) {
            throw new IllegalArgumentException(
                "maxAttempts of %s must be at least 1, got %d".formatted(type, tries));
          }
        });
  }

  /** Returns the tries for an activity type. */
  public int attemptsOf(String activityType) {
    return maxAttempts.getOrDefault(activityType, DEFAULT_ATTEMPTS);
  }

  /** Returns a copy with other tries for one activity type. */
  public ActivityTimeouts withAttempts(String activityType, int tries) {
    Map<String, Integer> changed = new HashMap<>(maxAttempts);
    changed.put(activityType, tries);
    return new ActivityTimeouts(
        provisionRpc,
        inventoryRpc,
        rpcHeartbeat,
        helper,
        credential,
        retryInitialInterval,
        retryMaxInterval,
        changed,
        changeAttempt,
        changeTotal,
        changeHeartbeat);
  }

  /** Returns a copy with another start-to-close for one helper run. */
  public ActivityTimeouts withHelper(Duration helperTimeout) {
    return new ActivityTimeouts(
        provisionRpc,
        inventoryRpc,
        rpcHeartbeat,
        helperTimeout,
        credential,
        retryInitialInterval,
        retryMaxInterval,
        maxAttempts,
        changeAttempt,
        changeTotal,
        changeHeartbeat);
  }

  private static Map<String, Integer> goTries() {
    return Map.of(
        ActivityTypes.FETCH_JWT, 3,
        ActivityTypes.GENERATE_ED25519, 5,
        ActivityTypes.FETCH_INVENTORY, 5,
        ActivityTypes.REQUEST_CSR, 3,
        ActivityTypes.REQUEST_CHECKED_CSR, 3,
        ActivityTypes.CONFIGURE, 5,
        ActivityTypes.RESTART, 3,
        ActivityTypes.SHUTDOWN, 3,
        ActivityTypes.RUN_HELPER, 3);
  }

  private static void positive(Duration value, String field) {
    Objects.requireNonNull(value, field + " must not be null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, e.g. PT10S; got " + value);
    }
  }
}
