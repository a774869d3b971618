package io.fleetwright.helpers.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A helper process and every descendant seen so far. Descendants must be snapshotted while the
 * helper lives: once it dies they are re-parented and {@link Process#descendants()} no longer finds
 * them. {@link ProcessHandle}s from the live process check the start time, so a reused PID is not
 * killed by mistake.
 */
final class ProcessTree {
  private final Process process;
  private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

  ProcessTree(Process process) {
    this.process = process;
  }

  /** Records the current descendants. */
  void snapshot() {
    process.descendants().forEach(seen::add);
  }

  /**
   * Snapshots, then forcibly kills every known descendant and the helper itself.
   *
   * @return the number of processes that were still alive and got killed
   */
  int kill() {
    snapshot();
    int killed = 0;
    // The helper goes first so that it cannot start a replacement for a child we kill.
    if (process.isAlive()) {
      process.destroyForcibly();
      killed++;
    }
    for (ProcessHandle handle : seen) {
      if (handle.isAlive() && handle.destroyForcibly()) {
        killed++;
      }
    }
    return killed;
  }
}
