package io.fleetwright.app.discovery;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a worker that stopped making progress and says so: when node runs are active in this
 * process but none has finished or started waiting for {@code limit} (workflow code ran for none of
 * them), it logs one WARN line with what it sees and, once per stall, a thread dump of every
 * thread, virtual threads included, into the log. /healthz reports the stall until a run moves
 * again.
 *
 * <p>It runs on a platform thread of its own, so it still runs when every virtual thread of the
 * process is stuck (workflow tasks, activities, discovery and the metrics endpoint all run on
 * virtual threads).
 */
public final class StallWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StallWatch.class);

  /**
   * How long every active node run may stand still before the worker says it is stalled: longer
   * than the admission expiry and a workflow task's retries, shorter than a test's patience.
   */
  public static final Duration LIMIT = Duration.ofMinutes(3);

  /**
   * The limit for a worker whose reads of a node retry for {@code readStepsBudget}: a minute more
   * than that, and never less than {@link #LIMIT}. Runs that all wait out that budget on nodes that
   * do not answer (a broker outage) are not a stalled worker.
   */
  public static Duration limit(Duration readStepsBudget) {
    Duration longer = readStepsBudget.plusMinutes(1);
    return longer.compareTo(LIMIT) > 0 ? longer : LIMIT;
  }

  private final NodeAdmission admission;
  private final IntSupplier waiting;
  private final Duration limit;
  private final Clock clock;
  private final Supplier<String> dump;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("stall-watch").factory());
  private volatile boolean stalled;
  private Instant dumpedFor = Instant.MIN;

  /**
   * @param admission the runs active in this process and when one last moved
   * @param waiting how many nodes wait for admission
   * @param limit how long active runs may all stand still
   */
  public StallWatch(NodeAdmission admission, IntSupplier waiting, Duration limit, Clock clock) {
    this(admission, waiting, limit, clock, StallWatch::threadDump);
  }

  StallWatch(
      NodeAdmission admission,
      IntSupplier waiting,
      Duration limit,
      Clock clock,
      Supplier<String> dump) {
    this.admission = admission;
    this.waiting = waiting;
    this.limit = limit;
    this.clock = clock;
    this.dump = dump;
  }

  public void start(Duration every) {
    timer.scheduleWithFixedDelay(
        this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True while active runs stand still longer than the limit. */
  public boolean stalled() {
    return stalled;
  }

  /** One look; public to tests, run by the timer. */
  void check() {
    try {
      Instant now = clock.instant();
      Instant moved = admission.lastMoved();
      int active = admission.active();
      boolean still = active > 0 && moved.plus(limit).isBefore(now);
      if (!still) {
        if (stalled) {
          LOG.info("node runs move again: {} active, {} waiting", active, waiting.getAsInt());
        }
        stalled = false;
        return;
      }
      stalled = true;
      LOG.warn(
          "no progress for {}: {} node runs active in this worker, none finished or started"
              + " waiting since {}; {} nodes wait for admission. Workflow code ran for none of"
              + " them: the worker is stalled or cannot reach Temporal{}",
          minutesAndSeconds(Duration.between(moved, now)),
          active,
          moved,
          waiting.getAsInt(),
          dumpedFor.equals(moved) ? "" : "; thread dump follows");
      if (!dumpedFor.equals(moved)) {
        dumpedFor = moved;
        LOG.warn("thread dump of the stalled worker:\n{}", dump.get());
      }
    } catch (RuntimeException e) {
      LOG.warn("the stall watch could not look: {}", e.toString());
    }
  }

  private static String minutesAndSeconds(Duration d) {
    return d.toMinutes() + " min " + d.toSecondsPart() + " s";
  }

  /** Every thread of this JVM with its stack, virtual threads included. */
  static String threadDump() {
    try {
      Path file = Files.createTempFile("fleetwright-threads", ".txt");
      Files.delete(file);
      try {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
        return Files.readString(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException | RuntimeException e) {
      return "(no thread dump: " + e + ")";
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
