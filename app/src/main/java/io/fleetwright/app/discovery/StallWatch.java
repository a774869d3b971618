package io.fleetwright.app.discovery;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a worker that stopped making progress and says so, in one WARN line per look with what it
 * sees and, once per stall, a thread dump of every thread, virtual threads included, into the log.
 * /healthz reports the stall until the worker moves again. Three ways to stand still count, each
 * for {@code limit}:
 *
 * <ul>
 *   <li>node runs are active in this process, and none finished or started waiting (workflow code
 *       ran for none of them);
 *   <li>nodes wait for admission with run slots free, and discovery took none off its queue (no run
 *       can start, so none is active for the first check to see);
 *   <li>a virtual thread it started has not run: the JVM's virtual-thread scheduler, which runs the
 *       workflow tasks, activities and pollers, runs nothing.
 * </ul>
 *
 * <p>It runs on a platform thread of its own, so it still runs when every virtual thread of the
 * process is stuck.
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
  private final LongSupplier taken;
  private final Duration limit;
  private final Clock clock;
  private final Supplier<String> dump;
  private final ThreadFactory probes;
  private final Runnable schedulerStuck;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("stall-watch").factory());
  private volatile boolean stalled;
  private boolean dumped;
  private boolean stopping;

  /** Since when nodes wait with room free while discovery takes none; null when not so. */
  private Instant queueStillSince;

  private long takenThen;

  /** When the pending scheduler probe was started, and when it ran (null: not yet). */
  private Instant probeStarted;

  private volatile Instant probeRan;

  /**
   * @param admission the runs active in this process and when one last moved
   * @param waiting how many nodes wait for admission
   * @param taken how many sightings discovery has taken off its queue so far
   * @param limit how long active runs, or waiting nodes, may all stand still
   * @param schedulerStuck run once, after the thread dump, when the virtual-thread scheduler ran
   *     nothing for the limit: nothing in the process can recover from that, so the worker exits
   *     and its supervisor starts it again
   */
  public StallWatch(
      NodeAdmission admission,
      IntSupplier waiting,
      LongSupplier taken,
      Duration limit,
      Clock clock,
      Runnable schedulerStuck) {
    this(
        admission,
        waiting,
        taken,
        limit,
        clock,
        StallWatch::threadDump,
        Thread.ofVirtual().name("stall-watch-probe").factory(),
        schedulerStuck);
  }

  StallWatch(
      NodeAdmission admission,
      IntSupplier waiting,
      LongSupplier taken,
      Duration limit,
      Clock clock,
      Supplier<String> dump,
      ThreadFactory probes,
      Runnable schedulerStuck) {
    this.admission = admission;
    this.waiting = waiting;
    this.taken = taken;
    this.limit = limit;
    this.clock = clock;
    this.dump = dump;
    this.probes = probes;
    this.schedulerStuck = schedulerStuck;
  }

  public void start(Duration every) {
    timer.scheduleWithFixedDelay(
        this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True while active runs, or nodes waiting with room free, stand still longer than the limit. */
  public boolean stalled() {
    return stalled;
  }

  /** One look; public to tests, run by the timer. */
  void check() {
    try {
      Instant now = clock.instant();
      Optional<String> scheduler = schedulerStandsStill(now);
      Optional<String> still =
          runsStandStill(now).or(() -> queueStandsStill(now)).or(() -> scheduler);
      if (still.isEmpty()) {
        if (stalled) {
          LOG.info(
              "node runs move again: {} active, {} waiting",
              admission.active(),
              waiting.getAsInt());
        }
        stalled = false;
        dumped = false;
        return;
      }
      stalled = true;
      LOG.warn("{}{}", still.get(), dumped ? "" : "; thread dump follows");
      if (!dumped) {
        dumped = true;
        LOG.warn("thread dump of the stalled worker:\n{}", dump.get());
      }
      if (scheduler.isPresent() && !stopping) {
        stopping = true;
        LOG.error("{}; the worker stops so that its supervisor starts it again", scheduler.get());
        schedulerStuck.run();
      }
    } catch (RuntimeException e) {
      LOG.warn("the stall watch could not look: {}", e.toString());
    }
  }

  /** Runs are active here, and workflow code ran for none of them for the limit. */
  private Optional<String> runsStandStill(Instant now) {
    Instant moved = admission.lastMoved();
    int active = admission.active();
    if (active == 0 || !moved.plus(limit).isBefore(now)) {
      return Optional.empty();
    }
    return Optional.of(
        noProgressSince(moved, now)
            + active
            + " node runs active in this worker, none finished or started waiting since "
            + moved
            + "; "
            + waiting.getAsInt()
            + " nodes wait for admission. Workflow code ran for none of them: the worker is"
            + " stalled or cannot reach Temporal");
  }

  /**
   * Nodes wait for admission, admission has room, and discovery took none of them off its queue for
   * the limit: no run can start, and with no run active the check above sees nothing.
   */
  private Optional<String> queueStandsStill(Instant now) {
    int waitingNow = waiting.getAsInt();
    long takenNow = taken.getAsLong();
    if (waitingNow == 0 || admission.active() >= admission.capacity()) {
      queueStillSince = null;
      return Optional.empty();
    }
    if (queueStillSince == null || takenNow != takenThen) {
      queueStillSince = now;
      takenThen = takenNow;
      return Optional.empty();
    }
    if (!queueStillSince.plus(limit).isBefore(now)) {
      return Optional.empty();
    }
    return Optional.of(
        noProgressSince(queueStillSince, now)
            + waitingNow
            + " nodes wait for admission and "
            + (admission.capacity() - admission.active())
            + " of "
            + admission.capacity()
            + " run slots are free, but discovery started none of them since "
            + queueStillSince
            + ": its admission thread is stuck");
  }

  /**
   * Starts a virtual thread that notes when it ran. When one started the limit ago has not run, the
   * JVM's virtual-thread scheduler runs nothing (workflow tasks, activities and pollers all run on
   * it), whatever the runs and the queue say.
   */
  private Optional<String> schedulerStandsStill(Instant now) {
    if (probeStarted != null && probeRan == null) {
      if (!probeStarted.plus(limit).isBefore(now)) {
        return Optional.empty();
      }
      return Optional.of(
          noProgressSince(probeStarted, now)
              + "a virtual thread started at "
              + probeStarted
              + " has not run; the JVM's virtual-thread scheduler, which runs the workflow"
              + " tasks, activities and pollers, runs nothing (Java "
              + Runtime.version()
              + ")");
    }
    probeStarted = now;
    probeRan = null;
    probes.newThread(() -> probeRan = clock.instant()).start();
    return Optional.empty();
  }

  /** The opening every stall line shares: {@code no progress for 3 min 1 s: }. */
  private static String noProgressSince(Instant since, Instant now) {
    return "no progress for " + minutesAndSeconds(Duration.between(since, now)) + ": ";
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
