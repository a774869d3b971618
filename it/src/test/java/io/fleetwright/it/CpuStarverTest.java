package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CPU starver puts a process under a quota (or beside busy processes) and takes it out. */
class CpuStarverTest {
  @Test
  void countsTheCpusOfAnAffinityList() {
    assertEquals(1, CpuStarver.cpuCount("0"));
    assertEquals(2, CpuStarver.cpuCount("0,1"));
    assertEquals(5, CpuStarver.cpuCount("0-3,6"));
  }

  @Test
  void starvesAProcessUntilClosed() throws Exception {
    Process victim = new ProcessBuilder("sleep", "120").start();
    try {
      Path cgroups = Path.of("/proc", Long.toString(victim.pid()), "cgroup");
      String how;
      try (CpuStarver starver = CpuStarver.starve(victim.pid())) {
        how = starver.how();
        if (how.contains("cgroup")) {
          assertTrue(
              Files.readString(cgroups).contains("fleetwright-chaos-" + victim.pid()),
              how + ": " + Files.readString(cgroups));
        } else {
          assertTrue(how.contains("busy processes pinned with taskset"), how);
        }
      }
      assertFalse(Files.readString(cgroups).contains("fleetwright-chaos-"), how);
      assertTrue(victim.isAlive(), "the starved process itself is never killed");
    } finally {
      victim.destroyForcibly();
    }
  }
}
