package io.fleetwright.app.worker;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Defects of the running JDK that can stop a worker without a word: the workflow tasks, activities
 * and pollers all run on virtual threads, so a virtual thread that is never scheduled again stands
 * the worker still with no CPU used and nothing logged. Named once at start, with the release that
 * fixes them.
 */
public final class JdkDefects {
  private static final Logger LOG = LoggerFactory.getLogger(JdkDefects.class);

  /** A JDK defect, the feature release it is in and the first update of it that fixes it. */
  record Defect(String id, String effect, int feature, int fixedInUpdate) {
    boolean affects(Runtime.Version version) {
      return version.feature() == feature && version.update() < fixedInUpdate;
    }

    String fixedIn() {
      return feature + ".0." + fixedInUpdate;
    }
  }

  static final List<Defect> KNOWN =
      List.of(
          new Defect(
              "JDK-8369227", "a virtual thread parked with a timeout may never run again", 25, 3),
          new Defect(
              "JDK-8373120", "a virtual thread blocked on a monitor may never run again", 25, 4),
          new Defect(
              "JDK-8369227", "a virtual thread parked with a timeout may never run again", 26, 1),
          new Defect(
              "JDK-8373120", "a virtual thread blocked on a monitor may never run again", 26, 1));

  private JdkDefects() {}

  /**
   * Whether the running JDK's virtual threads can carry the Temporal SDK's threads: not on a JDK
   * with a known defect. There a task handler that never ran again held its workflow task until the
   * server timed it out (30 s), and workflow threads did not start within the SDK's 10 s deadlock
   * detection (docs/chaos.md).
   */
  public static boolean virtualThreadsSafe() {
    return of(Runtime.version()).isEmpty();
  }

  /** The known defects of {@code version}. */
  static List<Defect> of(Runtime.Version version) {
    return KNOWN.stream().filter(d -> d.affects(version)).toList();
  }

  /** Logs one WARN line when the running JDK has a known defect; nothing otherwise. */
  public static void warnIfAny() {
    Runtime.Version version = Runtime.version();
    List<Defect> defects = of(version);
    if (!defects.isEmpty()) {
      LOG.warn(describe(version, defects));
    }
  }

  static String describe(Runtime.Version version, List<Defect> defects) {
    StringBuilder line = new StringBuilder("Java ").append(version).append(" has ");
    for (int i = 0; i < defects.size(); i++) {
      Defect d = defects.get(i);
      line.append(i == 0 ? "" : "; ")
          .append(d.id())
          .append(" (")
          .append(d.effect())
          .append(", fixed in ")
          .append(d.fixedIn())
          .append(')');
    }
    return line.append(
            ". So the worker runs every Temporal SDK thread (pollers, task executors and workflow"
                + " code) on platform threads, with a workflow cache of 2,048 runs, and its discovery,"
                + " /healthz and stall watch too. Run a newer JDK where you can"
                + " (bin/find-jdk picks the newest installed)")
        .toString();
  }
}
