package io.fleetwright.app.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The SDK's warnings about a task reported after Temporal timed it out become one line without a
 * stack trace and a count on /metrics; other reporting failures stay as the SDK logs them.
 */
class SdkReportFilterTest {
  // The SDK's own format strings (temporal-sdk 1.38), logged through the SDK's logger names.
  private static final String WORKFLOW_FORMAT =
      "Failure while reporting workflow progress to the server. If seen continuously the workflow"
          + " might be stuck. WorkflowId={}, RunId={}, startedEventId={}";
  private static final String ACTIVITY_FORMAT =
      "Failure during reporting of activity result to the server. ActivityId = {}, ActivityType"
          + " = {}, WorkflowId={}, WorkflowType={}, RunId={}";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private AutoCloseable installed;

  @BeforeEach
  void install() {
    appender.start();
    root.addAppender(appender);
    installed = new SdkReportFilter(registry).install();
  }

  @AfterEach
  void remove() throws Exception {
    installed.close();
    root.detachAppender(appender);
  }

  private List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  private double count(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  private static StatusRuntimeException notFound() {
    return Status.NOT_FOUND.withDescription("Workflow task not found").asRuntimeException();
  }

  @Test
  void aWorkflowTaskReportedAfterItsTimeoutIsOneLineAndCounted() {
    LoggerFactory.getLogger(SdkReportFilter.WORKFLOW_WORKER)
        .warn(WORKFLOW_FORMAT, "node-node1.lab", "run-1", 14L, notFound());

    List<ILoggingEvent> events = events();
    assertEquals(1, events.size(), events.toString());
    ILoggingEvent line = events.get(0);
    assertEquals(SdkReportFilter.class.getName(), line.getLoggerName());
    assertNull(line.getThrowableProxy(), "no stack trace");
    assertTrue(
        line.getFormattedMessage()
            .startsWith("workflow task of node-node1.lab (run run-1, started event 14) was not"),
        line.getFormattedMessage());
    assertTrue(
        line.getFormattedMessage().contains("NOT_FOUND: Workflow task not found"),
        line.getFormattedMessage());
    assertEquals(1.0, count("fleetwright_workflow_task_lost_total"));
  }

  @Test
  void anActivityResultReportedAfterItsTimeoutIsOneLineAndCounted() {
    LoggerFactory.getLogger(SdkReportFilter.ACTIVITY_WORKER)
        .warn(
            ACTIVITY_FORMAT,
            "7",
            "Configure",
            "node-node1.lab",
            "NodeProvisioning",
            "r",
            notFound());
    LoggerFactory.getLogger(SdkReportFilter.HEARTBEAT).warn("Heartbeat failed", notFound());

    List<ILoggingEvent> events = events();
    assertEquals(2, events.size(), events.toString());
    assertTrue(events.stream().allMatch(e -> e.getThrowableProxy() == null), events.toString());
    assertTrue(
        events.get(0).getFormattedMessage().startsWith("activity 7 (Configure) of node-node1.lab"),
        events.get(0).getFormattedMessage());
    assertEquals(1.0, count("fleetwright_activity_task_lost_total", "report", "result"));
    assertEquals(1.0, count("fleetwright_activity_task_lost_total", "report", "heartbeat"));
  }

  @Test
  void otherReportingFailuresStayAsTheSdkLogsThem() {
    LoggerFactory.getLogger(SdkReportFilter.WORKFLOW_WORKER)
        .warn(
            WORKFLOW_FORMAT,
            "node-node1.lab",
            "run-1",
            14L,
            Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException());

    List<ILoggingEvent> events = events();
    assertEquals(1, events.size(), events.toString());
    assertEquals(SdkReportFilter.WORKFLOW_WORKER, events.get(0).getLoggerName());
    assertEquals(
        StatusRuntimeException.class.getName(), events.get(0).getThrowableProxy().getClassName());
    assertEquals(0.0, count("fleetwright_workflow_task_lost_total"));
  }

  @Test
  void anActivityThatFailedWithItsOwnClearFailureIsOneLine() {
    LoggerFactory.getLogger(SdkReportFilter.ACTIVITY_EXECUTORS + "$ActivityTaskExecutor")
        .warn(
            "{} failure. ActivityId={}, activityType={}, attempt={}",
            "Local activity",
            "2c1a",
            "FetchInventory",
            1,
            io.temporal.failure.ApplicationFailure.newFailureWithCause(
                "rpcutil#inventory to node1.lab: no reply within 4s",
                "RPC_TIMEOUT",
                new java.util.concurrent.TimeoutException("4s")));

    List<ILoggingEvent> events = events();
    assertEquals(1, events.size(), events.toString());
    assertNull(events.get(0).getThrowableProxy(), "no stack trace");
    assertEquals(
        "local activity FetchInventory (attempt 1) failed, retried as its policy allows:"
            + " rpcutil#inventory to node1.lab: no reply within 4s [RPC_TIMEOUT]",
        events.get(0).getFormattedMessage());
  }

  @Test
  void anAttemptThatLearntFromAHeartbeatThatItHadTimedOutIsOneLineAndCounted() {
    io.temporal.activity.ActivityInfo info =
        (io.temporal.activity.ActivityInfo)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {io.temporal.activity.ActivityInfo.class},
                (proxy, method, args) ->
                    switch (method.getReturnType().getName()) {
                      case "int" -> 1;
                      case "long" -> 0L;
                      case "boolean" -> false;
                      case "java.lang.String" -> "x";
                      default -> null;
                    });
    LoggerFactory.getLogger(SdkReportFilter.ACTIVITY_EXECUTORS + "$ActivityTaskExecutor")
        .warn(
            "{} failure. ActivityId={}, activityType={}, attempt={}",
            "Activity",
            "456a",
            "ApplyConfiguration",
            1,
            new io.temporal.client.ActivityNotExistsException(info, notFound()));

    List<ILoggingEvent> events = events();
    assertEquals(1, events.size(), events.toString());
    assertNull(events.get(0).getThrowableProxy(), "no stack trace");
    assertEquals(
        "activity ApplyConfiguration (attempt 1) stopped: Temporal had already timed it out"
            + " (ActivityNotExistsException); a later attempt, if any, takes over",
        events.get(0).getFormattedMessage());
    assertEquals(1, count("fleetwright_activity_task_lost_total", "report", "heartbeat"));
  }

  @Test
  void anActivityThatFailedWithAnUnexpectedExceptionKeepsItsStackTrace() {
    LoggerFactory.getLogger(SdkReportFilter.ACTIVITY_EXECUTORS + "$ActivityTaskExecutor")
        .warn(
            "{} failure. ActivityId={}, activityType={}, attempt={}",
            "Activity",
            "2c1a",
            "SignCsr",
            1,
            new NullPointerException("a bug"));

    List<ILoggingEvent> events = events();
    assertEquals(1, events.size(), events.toString());
    assertEquals(
        NullPointerException.class.getName(), events.get(0).getThrowableProxy().getClassName());
  }

  @Test
  void aWorkflowTaskWhoseRunIsStillBusyHereIsOneLineAndCounted() {
    RuntimeException failure =
        new RuntimeException(
            "Failure processing workflow task. WorkflowId=provision/node1.lab, RunId=r, Attempt=2",
            new io.temporal.internal.worker.UnableToAcquireLockException(
                "Workflow lock for the run id hasn't been released by one of previous execution"
                    + " attempts, consider increasing workflow task timeout."));
    LoggerFactory.getLogger(SdkReportFilter.POLLER_OPTIONS).error("uncaught exception", failure);
    LoggerFactory.getLogger(SdkReportFilter.POLLER_OPTIONS)
        .error("uncaught exception", new IllegalStateException("something else"));

    List<ILoggingEvent> events = events();
    assertEquals(2, events.size(), events.toString());
    assertNull(events.get(0).getThrowableProxy(), "no stack trace");
    assertTrue(
        events
            .get(0)
            .getFormattedMessage()
            .startsWith(
                "Failure processing workflow task. WorkflowId=provision/node1.lab, RunId=r,"
                    + " Attempt=2: an earlier, timed-out task"),
        events.get(0).getFormattedMessage());
    assertEquals(1.0, count("fleetwright_workflow_task_busy_total"));
    assertEquals(
        IllegalStateException.class.getName(), events.get(1).getThrowableProxy().getClassName());
  }
}
