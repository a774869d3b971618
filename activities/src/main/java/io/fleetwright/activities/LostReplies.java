package io.fleetwright.activities;

import io.fleetwright.api.FailureTypes;
import io.fleetwright.protocol.ProtocolException;
import io.fleetwright.protocol.RpcReply;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Tells a step that already took effect on the node, although its reply was lost, from a real
 * failure: a node that has left provisioning mode and answers {@code rpcutil#ping} in its main
 * collective was configured and restarted. The check runs while the step's RPC still waits, since
 * the step's activity times out together with the RPC.
 */
final class LostReplies {
  static final Duration PING_TIMEOUT = Duration.ofSeconds(4);
  static final Duration PROBE_AFTER = Duration.ofSeconds(6);

  private final @Nullable NodeRpc mainCollective;
  private final Duration probeAfter;

  LostReplies(@Nullable NodeRpc mainCollective) {
    this(mainCollective, PROBE_AFTER);
  }

  LostReplies(@Nullable NodeRpc mainCollective, Duration probeAfter) {
    this.mainCollective = mainCollective;
    this.probeAfter = probeAfter;
  }

  /**
   * Runs {@code step}; if it has no answer after {@link #PROBE_AFTER}, or fails because the node
   * left provisioning mode, and the node answers in its main collective, returns {@code done}.
   */
  <T> T unlessAlreadyDone(String identity, Supplier<T> step, Supplier<T> done) {
    if (mainCollective == null) {
      return step.get();
    }
    CompletableFuture<T> rpc = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                rpc.complete(step.get());
              } catch (Throwable t) {
                rpc.completeExceptionally(t);
              }
            });
    Duration wait = probeAfter;
    while (true) {
      try {
        return rpc.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        Heartbeats.beat();
        if (answersInMainCollective(identity)) {
          return done.get();
        }
        wait = Duration.ofMillis(100);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof ApplicationFailure failure
            && leftProvisioning(failure)
            && answersInMainCollective(identity)) {
          return done.get();
        }
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + identity, e);
      }
    }
  }

  private static boolean leftProvisioning(ApplicationFailure failure) {
    return FailureTypes.RPC_TIMEOUT.equals(failure.getType())
        || FailureTypes.NOT_PROVISIONING.equals(failure.getType());
  }

  /** True when the node answers a ping in its main collective (it is provisioned and running). */
  boolean answersInMainCollective(String identity) {
    if (mainCollective == null) {
      return false;
    }
    try {
      RpcReply reply =
          Heartbeats.whileWaiting(
              () -> mainCollective.call(identity, "rpcutil", "ping", Map.of(), PING_TIMEOUT));
      return reply.ok();
    } catch (ProtocolException e) {
      return false;
    }
  }
}
