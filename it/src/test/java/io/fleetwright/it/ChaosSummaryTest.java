package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lines ChaosResults writes are what bin/chaos-summary reads, and its last line sums them. */
class ChaosSummaryTest {
  private record Run(int exit, String out) {}

  private static Run summary(Path file) throws IOException, InterruptedException {
    Path script = Path.of("..", "bin", "chaos-summary").toAbsolutePath().normalize();
    Process p =
        new ProcessBuilder("bash", script.toString(), file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "chaos-summary did not end");
    return new Run(p.exitValue(), out);
  }

  @Test
  void sumsEveryFaultIntoTheLastLineAndFailsWhenANodeWasConfiguredTwice(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("results.jsonl");
    Files.write(
        file,
        List.of(
            ChaosResults.line(
                "worker stopped with \"SIGSTOP\"", 1, 1200, 0, 3, 1, Duration.ofMillis(61_250)),
            ChaosResults.line("GraalPy helper on every node", 1, 1000, 2, 0, 0, Duration.ZERO)));

    Run run = summary(file);

    String[] lines = run.out().strip().split("\n");
    assertEquals(
        "faults 2, nodes affected 2200, nodes lost 2, configured twice 3, restarted twice 1",
        lines[lines.length - 1],
        run.out());
    assertTrue(lines[0].contains("worker stopped with 'SIGSTOP'"), run.out());
    assertTrue(lines[0].contains("configured twice 3  restarted twice 1"), run.out());
    assertEquals(2, run.exit(), "nodes lost or applied twice fail the summary: " + run.out());
  }

  @Test
  void endsZeroWhenNothingWasLostOrAppliedTwice(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.jsonl");
    Files.write(file, List.of(ChaosResults.line("storm", 1, 1000, 0, 0, 0, Duration.ofSeconds(3))));

    Run run = summary(file);

    assertEquals(0, run.exit(), run.out());
    assertTrue(
        run.out()
            .endsWith(
                "faults 1, nodes affected 1000, nodes lost 0, configured twice 0,"
                    + " restarted twice 0\n"),
        run.out());
  }

  @Test
  void namesALineItCannotRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.jsonl");
    Files.writeString(file, "{\"fault\":\"old format\",\"faults\":1}\n");

    Run run = summary(file);

    assertEquals(1, run.exit(), run.out());
    assertTrue(run.out().contains("cannot read line 1"), run.out());
  }
}
