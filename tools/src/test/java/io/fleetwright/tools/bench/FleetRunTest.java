package io.fleetwright.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Our nodes count as done when Temporal recorded their runs, not when the emulator saw them. */
class FleetRunTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(out, true, StandardCharsets.UTF_8);

  @Test
  void waitsUntilTemporalRecordedEveryRun() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    // Temporal records the last two runs on the third and fourth look.
    int[] counts = {8, 8, 9, 10};
    long started = System.nanoTime();
    FleetRun.Result r =
        FleetRun.awaitRecorded(
            10,
            started,
            started + 60_000_000_000L,
            log,
            "ours",
            () -> counts[Math.min(asked.getAndIncrement(), counts.length - 1)]);
    assertEquals(10, r.provisioned());
    assertEquals(4, asked.get(), "asked until the count reached the fleet");
    assertTrue(
        out.toString(StandardCharsets.UTF_8).contains("Temporal recorded 10/10 PROVISIONED"),
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void reportsOnlyWhatTemporalRecordedWhenTimeRunsOut() throws Exception {
    long started = System.nanoTime();
    FleetRun.Result r = FleetRun.awaitRecorded(10, started, started, log, "ours", () -> 7);
    assertEquals(7, r.provisioned(), "the emulator saw 10; Temporal recorded 7");
  }
}
