package io.fleetwright.app.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fleetwright.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A worker whose active node runs all stand still says so once the limit passes, with a thread dump
 * the first time, and again when they move; runs that only expire do not count as moving.
 */
class StallWatchTest {
  private static final Duration LIMIT = Duration.ofMinutes(3);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final NodeAdmission admission = new NodeAdmission(2, Duration.ofSeconds(60), clock);
  private final AtomicInteger dumps = new AtomicInteger();
  private final StallWatch watch =
      new StallWatch(
          admission, () -> 1998, LIMIT, clock, () -> "thread dump #" + dumps.incrementAndGet());
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(StallWatch.class);

  @BeforeEach
  void capture() {
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void release() {
    logger.detachAppender(appender);
  }

  private List<String> warnings() {
    synchronized (appender) {
      return appender.list.stream()
          .filter(e -> e.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }
  }

  @Test
  void theLimitOutlastsTheReadStepsBudgetSoNodesThatDoNotAnswerAreNoStall() {
    assertEquals(Duration.ofMinutes(4), StallWatch.limit(Duration.ofMinutes(3)));
    assertEquals(Duration.ofMinutes(6), StallWatch.limit(Duration.ofMinutes(5)));
    assertEquals(StallWatch.LIMIT, StallWatch.limit(Duration.ofMinutes(1)));
  }

  @Test
  void saysOnceWithAThreadDumpWhenActiveRunsStandStillPastTheLimit() throws Exception {
    clock.advance(Duration.ofHours(1)); // idle since start: no run, no stall
    watch.check();
    assertFalse(watch.stalled());
    assertTrue(admission.admit("provision/a"));
    assertTrue(admission.admit("provision/b"));
    clock.advance(LIMIT.minusSeconds(1));
    watch.check();
    assertFalse(watch.stalled(), "the limit has not passed since the burst began");

    clock.advance(Duration.ofSeconds(2));
    watch.check();
    watch.check();

    assertTrue(watch.stalled());
    List<String> warnings = warnings();
    assertEquals(3, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).startsWith("no progress for 3 min 1 s: 2 node runs active in this worker"),
        warnings.get(0));
    assertTrue(warnings.get(0).contains("1998 nodes wait for admission"), warnings.get(0));
    assertEquals("thread dump of the stalled worker:\nthread dump #1", warnings.get(1));
    assertEquals(1, dumps.get(), "one thread dump per stall");

    admission.release("provision/a");
    watch.check();
    assertFalse(watch.stalled(), "a run finished: the worker moves again");
  }

  @Test
  void runsThatOnlyExpireDoNotHideAStall() throws Exception {
    assertTrue(admission.admit("provision/a"));
    clock.advance(Duration.ofSeconds(61));
    assertEquals(1, admission.expire(), "the run was never seen to end");
    assertTrue(admission.admit("provision/b"), "discovery admits the next node");
    clock.advance(Duration.ofMinutes(2));
    watch.check();
    assertTrue(watch.stalled(), "nothing ran since the first admission 3m1s ago");
  }
}
