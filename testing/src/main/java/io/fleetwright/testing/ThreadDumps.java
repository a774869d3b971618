package io.fleetwright.testing;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A thread dump of this JVM, virtual threads included, for a test that runs the provisioner
 * in-process and timed out waiting for it: the evidence of where it stopped.
 */
public final class ThreadDumps {
  private ThreadDumps() {}

  /**
   * Returns every thread of this JVM with its stack, virtual threads included.
   *
   * @return the dump as text, or a line saying why there is none
   */
  public static String ofThisJvm() {
    try {
      Path file = Files.createTempFile("threads", ".txt");
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

  /**
   * Prints a thread dump of this JVM to standard output, which the test report keeps.
   *
   * @param why what timed out
   */
  public static void printThisJvm(String why) {
    PrintStream out = System.out;
    out.println("---- thread dump of the test JVM: " + why + " ----");
    out.println(ofThisJvm());
    out.println("---- end of thread dump ----");
  }
}
