package io.fleetwright.app.discovery;

import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.app.config.Durations;
import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.protocol.NodeIdentity;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a node's workflow when discovery sees it, or leaves the one already there alone, so the
 * three discovery sources never double-provision. After a run has ended:
 *
 * <ul>
 *   <li>PROVISIONED (completed): a new run only when the node is seen in provisioning mode again
 *       after the hold period;
 *   <li>FAILED (or timed out): a new run when the node announces a startup later than the failure,
 *       or when broadcast discovery or registration sees it after {@code failed_retry.backoff}, as
 *       the Go provisioner retries a node that failed; never when the back-off is off;
 *   <li>CANCELLED (or terminated): an operator stopped it on purpose, so it waits for {@code
 *       retry};
 *   <li>REJECTED (completed, with that {@code ProvisioningState}): an operator rejected it, so it
 *       waits for {@code retry} too, however often it announces itself.
 * </ul>
 */
public final class NodeStarter {
  /** What one sighting led to. */
  enum Outcome {
    STARTED,
    ALREADY_RUNNING,
    RECENTLY_SEEN,
    HELD_AFTER_SUCCESS,
    FAILED_BACKING_OFF,
    WAITING_FOR_OPERATOR,
    ERROR
  }

  /** Where a sighting came from, most telling first. */
  public enum Source {
    /** A startup lifecycle event: the node booted at the event's time. */
    LIFECYCLE,
    /** A broadcast discovery round: the node answered at the round's time. */
    BROADCAST,
    /** Registration data: no time of its own, and it can sit in a queue under load. */
    REGISTRATION;

    /** The source as the workflow input and the {@code status} command name it. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A node's latest run as Temporal describes it; {@code closedAt} is null while it runs, {@code
   * state} is its {@code ProvisioningState} search attribute (empty if unknown).
   */
  public record LastRun(
      String runId, WorkflowExecutionStatus status, @Nullable Instant closedAt, String state) {
    public LastRun {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(status, "status");
      state = state == null ? "" : state;
    }

    /** A run whose state is unknown. */
    public LastRun(String runId, WorkflowExecutionStatus status, @Nullable Instant closedAt) {
      this(runId, status, closedAt, "");
    }

    /** Whether an operator rejected the node in this run. */
    boolean rejected() {
      return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
          && ProvisioningState.REJECTED.name().equals(state);
    }
  }

  /** What the starter asks of Temporal: {@link TemporalNodeRuns} in production, fakes in tests. */
  interface Runs {
    /**
     * Starts the node's first run; returns its run ID, or empty when the node has a run already
     * (open or closed).
     */
    Optional<String> startFirst(ProvisionInput input);

    /** Returns the node's latest run. */
    LastRun latest(String identity);

    /**
     * Starts another run after a closed one; returns its run ID (that of the open run, if another
     * starter was first), or empty when {@code reuse} refuses it because of how the latest run
     * ended.
     */
    Optional<String> startAgain(ProvisionInput input, WorkflowIdReusePolicy reuse);
  }

  private static final Logger LOG = LoggerFactory.getLogger(NodeStarter.class);

  private final Runs runs;
  private final BiFunction<NodeIdentity, Source, ProvisionInput> inputs;
  private final BooleanSupplier fleetPaused;
  private final Duration dedupeWindow;
  private final Duration holdAfterSuccess;
  private final Duration failedRetryBackoff;
  private final Clock clock;
  private final Map<String, Seen> recent = new ConcurrentHashMap<>();

  /** When a node's last sighting was handled here, and the latest startup time handled. */
  private record Seen(Instant handledAt, Instant startupAt) {}

  /**
   * @param inputs the workflow input of a node seen by a source; the source is recorded in it as
   *     {@code discoveredBy}
   * @param failedRetryBackoff the least time between a failed run's end and a run started because
   *     broadcast discovery or registration saw the node again; zero turns healing off
   */
  public NodeStarter(
      Runs runs,
      BiFunction<NodeIdentity, Source, ProvisionInput> inputs,
      BooleanSupplier fleetPaused,
      Duration dedupeWindow,
      Duration holdAfterSuccess,
      Duration failedRetryBackoff,
      Clock clock) {
    this.runs = runs;
    this.inputs = inputs;
    this.fleetPaused = fleetPaused;
    this.dedupeWindow = dedupeWindow;
    this.holdAfterSuccess = holdAfterSuccess;
    this.failedRetryBackoff = failedRetryBackoff;
    this.clock = clock;
  }

  /**
   * A sighting of a node in provisioning mode at {@code sightedAt}. A sighting from before the hold
   * after the last successful run ended never starts another run, however late it is handled (a
   * queue of announcements under load, a slow second worker). A startup event later than any
   * handled here is never dropped as a duplicate, even right after a registration sighting of the
   * same boot: the node booted again since.
   */
  Outcome seen(NodeIdentity node, Source source, Instant sightedAt) {
    String identity = node.value();
    Instant now = clock.instant();
    Seen last = recent.get(identity);
    boolean bootedSince =
        source == Source.LIFECYCLE && (last == null || sightedAt.isAfter(last.startupAt()));
    if (last != null && !bootedSince && last.handledAt().plus(dedupeWindow).isAfter(now)) {
      return Outcome.RECENTLY_SEEN;
    }
    Instant startupAt = last == null ? Instant.EPOCH : last.startupAt();
    if (source == Source.LIFECYCLE && sightedAt.isAfter(startupAt)) {
      startupAt = sightedAt;
    }
    recent.put(identity, new Seen(now, startupAt));
    if (recent.size() > 200_000) {
      recent.entrySet().removeIf(e -> e.getValue().handledAt().plus(dedupeWindow).isBefore(now));
    }
    try {
      ProvisionInput input = inputs.apply(node, source).withStartPaused(fleetPaused.getAsBoolean());
      Optional<String> first = runs.startFirst(input);
      if (first.isPresent()) {
        LOG.debug("{} seen by {}: workflow run {}", identity, source.label(), first.get());
        return Outcome.STARTED;
      }
      return afterEarlierRun(input, source, sightedAt.isBefore(now) ? sightedAt : now, now);
    } catch (RuntimeException e) {
      recent.remove(identity);
      LOG.warn(
          "could not start the workflow of {} (seen by {}): {}",
          identity,
          source.label(),
          rootMessage(e));
      return Outcome.ERROR;
    }
  }

  private Outcome afterEarlierRun(
      ProvisionInput input, Source source, Instant sightedAt, Instant now) {
    LastRun last = runs.latest(input.identity());
    if (last.rejected()) {
      LOG.debug(
          "{} is still in provisioning mode but an operator rejected it in run {}; it waits for:"
              + " provisioner retry {}",
          input.identity(),
          last.runId(),
          input.identity());
      return Outcome.WAITING_FOR_OPERATOR;
    }
    return switch (last.status()) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> Outcome.ALREADY_RUNNING;
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> afterSuccess(input, source, sightedAt, last);
      case WORKFLOW_EXECUTION_STATUS_FAILED, WORKFLOW_EXECUTION_STATUS_TIMED_OUT ->
          afterFailure(input, source, sightedAt, now, last);
      default -> {
        LOG.debug(
            "{} is still in provisioning mode but its last run ended {}; an operator stopped it,"
                + " so it waits for: provisioner retry {}",
            input.identity(),
            FleetOperator.statusName(last.status()),
            input.identity());
        yield Outcome.WAITING_FOR_OPERATOR;
      }
    };
  }

  private Outcome afterSuccess(
      ProvisionInput input, Source source, Instant sightedAt, LastRun last) {
    if (closedAt(last).plus(holdAfterSuccess).isAfter(sightedAt)) {
      return Outcome.HELD_AFTER_SUCCESS;
    }
    Optional<String> run =
        runs.startAgain(input, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
    if (run.isEmpty()) {
      return Outcome.ALREADY_RUNNING;
    }
    LOG.info(
        "{} is back in provisioning mode (seen by {}) after its last run completed;"
            + " provisioning it again: run {}",
        input.identity(),
        source.label(),
        run.get());
    return Outcome.STARTED;
  }

  /**
   * A startup event later than the failure means the node booted again and heals at once; a
   * broadcast or registration sighting heals once the back-off since the failure has passed.
   * Registration carries no time, so it counts as seen now.
   */
  private Outcome afterFailure(
      ProvisionInput input, Source source, Instant sightedAt, Instant now, LastRun last) {
    Instant failedAt = closedAt(last);
    if (failedRetryBackoff.isZero()) {
      LOG.debug(
          "{} is still in provisioning mode but its last run ended {}; failed_retry.backoff is"
              + " off, so it waits for: provisioner retry {}",
          input.identity(),
          FleetOperator.statusName(last.status()),
          input.identity());
      return Outcome.WAITING_FOR_OPERATOR;
    }
    Instant retryAt = failedAt.plus(failedRetryBackoff);
    String why;
    if (source == Source.LIFECYCLE && sightedAt.isAfter(failedAt)) {
      why = "it started up again at " + sightedAt;
    } else if (source != Source.LIFECYCLE
        && !(source == Source.REGISTRATION ? now : sightedAt).isBefore(retryAt)) {
      why = "failed_retry.backoff " + Durations.format(failedRetryBackoff) + " has passed";
    } else {
      LOG.debug(
          "{} failed at {} (run {}); it is provisioned again when it starts up or, from {}, when"
              + " discovery sees it",
          input.identity(),
          failedAt,
          last.runId(),
          retryAt);
      return Outcome.FAILED_BACKING_OFF;
    }
    // FAILED_ONLY: if another worker's retry has completed meanwhile, the server refuses this one.
    Optional<String> run =
        runs.startAgain(
            input, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY);
    if (run.isEmpty()) {
      LOG.debug("{}: a run after {} has completed meanwhile", input.identity(), last.runId());
      return Outcome.ALREADY_RUNNING;
    }
    LOG.info(
        "{} failed at {} (run {}) and is seen again by {} ({}); provisioning it again: run {}",
        input.identity(),
        failedAt,
        last.runId(),
        source.label(),
        why,
        run.get());
    return Outcome.STARTED;
  }

  private static Instant closedAt(LastRun last) {
    return Objects.requireNonNull(last.closedAt(), "a closed run has a close time");
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
  }
}
