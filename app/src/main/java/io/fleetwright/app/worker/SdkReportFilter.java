package io.fleetwright.app.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.fleetwright.app.Provisioner;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Turns the Temporal SDK's warnings about a task it could not report because the server had already
 * given up on it ({@code NOT_FOUND}: the workflow task or activity timed out, and another attempt
 * owns it now) into one line each, without the stack trace, and counts them:
 *
 * <ul>
 *   <li>{@code fleetwright_workflow_task_lost_total}: a workflow task completed after its timeout;
 *       its work is thrown away and the next task redoes it from history;
 *   <li>{@code fleetwright_activity_task_lost_total{report="result|heartbeat"}}: an activity
 *       answered or heartbeated after its timeout; its result is thrown away.
 * </ul>
 *
 * <p>A workflow task that cannot start because an earlier, timed-out task of the same run still
 * runs here (the SDK's {@code UnableToAcquireLockException}) is one line too, counted in {@code
 * fleetwright_workflow_task_busy_total}. An activity that failed with an {@link ApplicationFailure}
 * (what our activities throw for a node that did not answer, a refused request, a bad helper reply:
 * its message names the cause) is one line too. Any other failure to report (a server that is down)
 * and any other exception (a bug) is left as the SDK logs it, stack trace included. Installed on
 * the logback context for the life of a {@link Provisioner}.
 */
public final class SdkReportFilter extends TurboFilter {
  static final String WORKFLOW_WORKER = "io.temporal.internal.worker.WorkflowWorker";
  static final String ACTIVITY_WORKER = "io.temporal.internal.worker.ActivityWorker";
  static final String HEARTBEAT = "io.temporal.internal.activity.HeartbeatContextImpl";
  static final String ACTIVITY_EXECUTORS = "io.temporal.internal.activity.ActivityTaskExecutors";
  static final String POLLER_OPTIONS = "io.temporal.internal.worker.PollerOptions";
  private static final String LOCK_BUSY = "UnableToAcquireLockException";

  private static final Logger LOG = LoggerFactory.getLogger(SdkReportFilter.class);

  private final Counter workflowTasks;
  private final Counter busyRuns;
  private final Counter activityResults;
  private final Counter heartbeats;

  public SdkReportFilter(MeterRegistry registry) {
    this.workflowTasks =
        Counter.builder("fleetwright_workflow_task_lost_total")
            .description(
                "workflow tasks this worker completed after Temporal had timed them out"
                    + " (NOT_FOUND); their work is redone by a later task")
            .register(registry);
    this.busyRuns =
        Counter.builder("fleetwright_workflow_task_busy_total")
            .description(
                "workflow tasks this worker could not run because an earlier, timed-out task of the"
                    + " same run still ran here; Temporal hands them out again")
            .register(registry);
    this.activityResults = activityCounter(registry, "result");
    this.heartbeats = activityCounter(registry, "heartbeat");
  }

  private static Counter activityCounter(MeterRegistry registry, String report) {
    return Counter.builder("fleetwright_activity_task_lost_total")
        .description(
            "activity results and heartbeats this worker reported after Temporal had timed the"
                + " activity out (NOT_FOUND)")
        .tag("report", report)
        .register(registry);
  }

  /** Adds this filter to logback; returns a handle that removes it again. */
  public AutoCloseable install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return () -> {};
    }
    start();
    context.addTurboFilter(this);
    return () -> context.getTurboFilterList().remove(this);
  }

  @Override
  public FilterReply decide(
      Marker marker,
      ch.qos.logback.classic.Logger logger,
      Level level,
      String format,
      Object[] params,
      Throwable t) {
    if (!level.isGreaterOrEqual(Level.WARN) || format == null) {
      return FilterReply.NEUTRAL;
    }
    String name = logger.getName();
    if (name.startsWith(ACTIVITY_EXECUTORS)) {
      Throwable thrown = t != null ? t : lastThrowable(params);
      if (format.contains("failure. ActivityId=")
          && thrown instanceof ActivityCompletionException) {
        return activityGivenUp(params, thrown);
      }
      return activityFailure(format, params, thrown);
    }
    if (name.equals(POLLER_OPTIONS)) {
      return busyRun(t != null ? t : lastThrowable(params));
    }
    if (!name.equals(WORKFLOW_WORKER) && !name.equals(ACTIVITY_WORKER) && !name.equals(HEARTBEAT)) {
      return FilterReply.NEUTRAL;
    }
    Throwable thrown = t != null ? t : lastThrowable(params);
    if (!notFound(thrown)) {
      return FilterReply.NEUTRAL;
    }
    return lateReport(name, format, params, thrown);
  }

  /** A task result or heartbeat that Temporal refused because it had timed the task out. */
  private FilterReply lateReport(String name, String format, Object[] params, Throwable thrown) {
    if (name.equals(WORKFLOW_WORKER) && format.contains("reporting workflow progress")) {
      workflowTasks.increment();
      LOG.warn(
          "workflow task of {} (run {}, started event {}) was not accepted: Temporal had already"
              + " timed it out ({}); a later task redoes its work from history",
          param(params, 0),
          param(params, 1),
          param(params, 2),
          message(thrown));
      return FilterReply.DENY;
    }
    if (name.equals(ACTIVITY_WORKER) && format.contains("reporting of activity result")) {
      activityResults.increment();
      LOG.warn(
          "activity {} ({}) of {} finished after Temporal had timed it out ({}); its result is"
              + " dropped and a retry, if any, runs it again",
          param(params, 0),
          param(params, 1),
          param(params, 2),
          message(thrown));
      return FilterReply.DENY;
    }
    if (name.equals(HEARTBEAT) && format.startsWith("Heartbeat failed")) {
      heartbeats.increment();
      LOG.warn(
          "an activity heartbeated after Temporal had timed it out ({}); it will be cancelled",
          message(thrown));
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }

  /**
   * The SDK's "{} failure. ActivityId=..." for an attempt that learnt from a heartbeat that
   * Temporal had already timed it out (a slow or stalled worker): the attempt stopped, and the next
   * one, if any, runs on its own.
   */
  private FilterReply activityGivenUp(Object[] params, Throwable thrown) {
    heartbeats.increment();
    LOG.warn(
        "{} {} (attempt {}) stopped: Temporal had already timed it out ({}); a later attempt, if"
            + " any, takes over",
        String.valueOf(param(params, 0)).toLowerCase(java.util.Locale.ROOT),
        param(params, 2),
        param(params, 3),
        thrown.getClass().getSimpleName());
    return FilterReply.DENY;
  }

  /** The SDK's "{} failure. ActivityId={}, activityType={}, attempt={}" with our own failure. */
  private static FilterReply activityFailure(String format, Object[] params, Throwable thrown) {
    if (!format.contains("failure. ActivityId=")
        || !(thrown instanceof ApplicationFailure failure)) {
      return FilterReply.NEUTRAL;
    }
    LOG.warn(
        "{} {} (attempt {}) failed{}: {} [{}]",
        String.valueOf(param(params, 0)).toLowerCase(java.util.Locale.ROOT),
        param(params, 2),
        param(params, 3),
        failure.isNonRetryable() ? "" : ", retried as its policy allows",
        failure.getOriginalMessage(),
        failure.getType());
    return FilterReply.DENY;
  }

  /**
   * The SDK's "uncaught exception" for a workflow task whose run's lock an earlier attempt still
   * holds: the earlier attempt timed out on the server but still runs here (a stalled or starved
   * worker), so this one cannot start.
   */
  private FilterReply busyRun(Throwable thrown) {
    Throwable cause = thrown;
    while (cause != null && !cause.getClass().getSimpleName().equals(LOCK_BUSY)) {
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    if (cause == null) {
      return FilterReply.NEUTRAL;
    }
    busyRuns.increment();
    LOG.warn(
        "{}: an earlier, timed-out task of the same run still runs in this worker; Temporal"
            + " hands the task out again",
        thrown.getMessage());
    return FilterReply.DENY;
  }

  private static Throwable lastThrowable(Object[] params) {
    if (params == null || params.length == 0) {
      return null;
    }
    return params[params.length - 1] instanceof Throwable thrown ? thrown : null;
  }

  private static boolean notFound(Throwable thrown) {
    for (Throwable e = thrown; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof StatusRuntimeException status
          && status.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
    }
    return false;
  }

  private static String message(Throwable thrown) {
    for (Throwable e = thrown; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof StatusRuntimeException status) {
        return status.getStatus().getCode() + ": " + status.getStatus().getDescription();
      }
    }
    return String.valueOf(thrown);
  }

  private static Object param(Object[] params, int index) {
    return params != null && index < params.length && !(params[index] instanceof Throwable)
        ? params[index]
        : "?";
  }
}
