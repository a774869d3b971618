package io.fleetwright.tools.demo;

import java.io.PrintStream;
import java.util.Map;

/**
 * A progress bar with counts by state: redrawn in place on a terminal, a line every 5 s otherwise.
 */
final class Progress {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final int total;
  private final boolean terminal = System.console() != null;
  private long lastLine;

  Progress(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  int total() {
    return total;
  }

  void show(int ok, Map<String, Long> states, long elapsedNanos) {
    int filled = total == 0 ? WIDTH : (int) ((long) ok * WIDTH / total);
    StringBuilder line = new StringBuilder("[");
    line.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
    line.append(ok).append('/').append(total).append(" provisioned");
    states.forEach(
        (state, count) -> {
          if (count > 0 && !state.equals("PROVISIONED")) {
            line.append("  ")
                .append(state.toLowerCase(java.util.Locale.ROOT))
                .append(' ')
                .append(count);
          }
        });
    line.append(String.format("  %.1fs", elapsedNanos / 1e9));
    if (terminal) {
      out.print("\r" + line + "\u001b[K");
      out.flush();
    } else if (elapsedNanos - lastLine >= 5_000_000_000L || ok == total) {
      lastLine = elapsedNanos;
      out.println(line);
    }
  }

  void done() {
    if (terminal) {
      out.println();
    }
  }
}
