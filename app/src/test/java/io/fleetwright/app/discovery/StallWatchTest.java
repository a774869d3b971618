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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A worker whose active node runs all stand still, whose waiting nodes are never started, or whose
 * virtual-thread scheduler runs nothing, says so once the limit passes, with a thread dump the
 * first time, and again when it moves; runs that only expire do not count as moving.
 */
class StallWatchTest {
  private static final Duration LIMIT = Duration.ofMinutes(3);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final NodeAdmission admission = new NodeAdmission(2, Duration.ofSeconds(60), clock);
  private final AtomicInteger dumps = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger(1998);
  private final AtomicLong taken = new AtomicLong();
  private final List<Runnable> probes = new ArrayList<>();
  private final AtomicInteger stops = new AtomicInteger();
  private final StallWatch watch =
      new StallWatch(
          admission,
          waiting::get,
          taken::get,
          LIMIT,
          clock,
          () -> "thread dump #" + dumps.incrementAndGet(),
          this::probe,
          stops::incrementAndGet);

  /** A probe thread that runs when the test says so: a scheduler that runs nothing until then. */
  private Thread probe(Runnable task) {
    probes.add(task);
    return new Thread(() -> {});
  }

  private void runProbes() {
    probes.forEach(Runnable::run);
    probes.clear();
  }

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
    waiting.set(0);
    clock.advance(Duration.ofHours(1)); // idle since start: no run, no stall
    watch.check();
    runProbes();
    waiting.set(1998);
    assertFalse(watch.stalled());
    assertTrue(admission.admit("provision/a"));
    assertTrue(admission.admit("provision/b"));
    clock.advance(LIMIT.minusSeconds(1));
    watch.check();
    runProbes();
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
    assertEquals(0, stops.get(), "runs that stand still may wait for Temporal: no stop");

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

  @Test
  void nodesThatWaitWithRoomFreeWhileDiscoveryTakesNoneAreAStallThoughNoRunIsActive() {
    watch.check(); // 1998 nodes wait, both slots free, nothing taken: the clock starts
    runProbes();
    clock.advance(LIMIT.minusSeconds(30));
    watch.check();
    runProbes();
    assertFalse(watch.stalled(), "the limit has not passed");

    clock.advance(Duration.ofSeconds(31));
    watch.check();

    assertTrue(watch.stalled(), "discovery took no node off its queue for 3m1s");
    List<String> warnings = warnings();
    assertTrue(
        warnings
            .get(0)
            .startsWith(
                "no progress for 3 min 1 s: 1998 nodes wait for admission and 2 of 2 run slots are"
                    + " free, but discovery started none of them"),
        warnings.get(0));
    assertEquals("thread dump of the stalled worker:\nthread dump #1", warnings.get(1));

    taken.incrementAndGet();
    watch.check();
    assertFalse(watch.stalled(), "discovery took a node: it moves again");
  }

  @Test
  void aFullAdmissionOrAnEmptyQueueIsNoQueueStall() throws Exception {
    assertTrue(admission.admit("provision/a"));
    assertTrue(admission.admit("provision/b"));
    watch.check();
    runProbes();
    clock.advance(Duration.ofSeconds(100));
    admission.release("provision/a");
    assertTrue(admission.admit("provision/c")); // runs move, so the first check stays quiet
    watch.check();
    runProbes();
    clock.advance(Duration.ofSeconds(100));
    admission.release("provision/b");
    assertTrue(admission.admit("provision/d"));
    watch.check();
    runProbes();
    assertFalse(watch.stalled(), "slots are full: the admitter rightly waits for room");

    admission.release("provision/c");
    admission.release("provision/d");
    waiting.set(0);
    clock.advance(Duration.ofHours(1));
    watch.check();
    runProbes();
    assertFalse(watch.stalled(), "nothing waits");
  }

  @Test
  void aVirtualThreadThatDoesNotRunForTheLimitIsAStall() {
    waiting.set(0);
    watch.check(); // starts a probe; the scheduler does not run it
    clock.advance(LIMIT);
    watch.check();
    assertFalse(watch.stalled(), "the limit has just been reached, not passed");
    assertEquals(0, stops.get());

    clock.advance(Duration.ofSeconds(1));
    watch.check();

    assertTrue(watch.stalled());
    assertEquals(1, stops.get(), "nothing in the process recovers from that: the worker stops");
    assertTrue(
        warnings().get(0).contains("a virtual thread started at 2026-01-01T00:00:00Z has not run"),
        warnings().get(0));
    runProbes();
    watch.check();
    assertFalse(watch.stalled(), "the probe ran: the scheduler moves again");
  }
}
