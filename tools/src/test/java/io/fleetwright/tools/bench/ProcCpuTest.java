package io.fleetwright.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.testing.Await;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcCpuTest {

  @Test
  void aProcessTreeCountsTheCpuOfItsLiveChildrenAndAProcessAloneDoesNot() throws Exception {
    long self = ProcessHandle.current().pid();
    Process busy = new ProcessBuilder("/bin/sh", "-c", "while :; do :; done").start();
    try {
      Await.until(
          "CPU seconds of the busy child " + busy.pid(),
          () -> ProcCpu.seconds(busy.pid()),
          s -> s >= 0.2);
      double own = ProcCpu.seconds(self);
      double child = ProcCpu.seconds(busy.pid());
      double tree = ProcCpu.treeSeconds(self);
      assertTrue(tree >= own + child, "tree " + tree + " < own " + own + " + child " + child);
      Map<String, Object> perNode =
          ProcCpu.watch(Map.of("jvm", ProcCpu.Source.tree(self))).msPerNode(1);
      assertTrue(perNode.containsKey("total"), perNode.toString());
    } finally {
      busy.destroyForcibly();
      busy.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anUnknownProcessCountsAsZero() {
    assertEquals(0.0, ProcCpu.treeSeconds(-1));
    assertEquals(0.0, ProcCpu.Source.process(0).seconds());
  }
}
