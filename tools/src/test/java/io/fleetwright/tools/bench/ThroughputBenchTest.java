package io.fleetwright.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThroughputBenchTest {
  @Test
  void theProductionLineComparesAgainstTheShRunCpuCarriedOnTheThroughputLine() {
    Map<String, Object> cpu = new LinkedHashMap<>();
    cpu.put("provisioner", 4.0);
    cpu.put("temporal", 2.5);
    BenchLine line =
        BenchLine.of("throughput", 10, 2.0)
            .with("cpu_ms_per_node", cpu)
            .with("js_cpu_ms_per_node", Map.of("temporal", 9.0));
    assertSame(cpu, ThroughputBench.shCpu(line));
    assertEquals(2.5, ThroughputBench.serverMs(ThroughputBench.shCpu(line)));
  }

  @Test
  void aThroughputLineWithoutCpuFiguresGivesNoComparison() {
    assertEquals(Map.of(), ThroughputBench.shCpu(BenchLine.of("throughput", 0, 0)));
    assertEquals(
        Map.of(),
        ThroughputBench.shCpu(
            BenchLine.of("throughput", 0, 0).with("cpu_ms_per_node", "unavailable")));
  }
}
