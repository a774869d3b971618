package io.fleetwright.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  @Test
  void givesNamedNodesTheirFault() {
    FaultPlan plan = FaultPlan.builder().nodes(Fault.DROP_REPLIES, "n3").build();
    assertEquals(Map.of(Fault.DROP_REPLIES, Duration.ZERO), plan.faultsFor(1, 3, "n3"));
    assertEquals(Map.of(), plan.faultsFor(1, 4, "n4"));
  }

  @Test
  void picksAboutThePercentageAndTheSameNodesForTheSameSeed() {
    FaultPlan plan = FaultPlan.builder().percent(Fault.MALFORMED_REPLIES, 10).build();
    long picked = count(plan, 42);
    assertTrue(picked > 60 && picked < 140, "about 100 of 1000 nodes, got " + picked);
    assertEquals(picked, count(plan, 42));
    boolean sameSet =
        IntStream.rangeClosed(1, 1000)
            .allMatch(i -> plan.faultsFor(42, i, "n" + i).equals(plan.faultsFor(42, i, "n" + i)));
    assertTrue(sameSet);
    assertTrue(count(plan, 43) != picked || differs(plan), "another seed picks other nodes");
  }

  @Test
  void carriesTheDelayOfSlowReplies() {
    FaultPlan plan = FaultPlan.builder().slowReplies(Duration.ofSeconds(3), "n1").build();
    assertEquals(Map.of(Fault.SLOW_REPLIES, Duration.ofSeconds(3)), plan.faultsFor(0, 1, "n1"));
  }

  @Test
  void carriesBothDelaysToTheNodeWhenRepliesAndConfigureRepliesAreSlow() {
    FaultPlan plan =
        FaultPlan.builder()
            .slowReplies(Duration.ofSeconds(3), "n1")
            .slowConfigureReplies(Duration.ofMillis(400), 100)
            .build();
    var faults = io.fleetwright.fleet.internal.NodeFaults.of(plan.faultsFor(0, 1, "n1"));
    assertEquals(Duration.ofSeconds(3), faults.slowDelay());
    assertEquals(Duration.ofMillis(400), faults.delay(Fault.SLOW_CONFIGURE_REPLY));
    assertEquals(Duration.ZERO, faults.delay(Fault.DROP_REPLIES));
  }

  @Test
  void refusesAPercentageOutsideZeroToHundred() {
    FleetException e =
        assertThrows(
            FleetException.class, () -> FaultPlan.builder().percent(Fault.DROP_REPLIES, 120));
    assertTrue(
        e.getMessage().contains("percent for DROP_REPLIES must be between 0 and 100"),
        e.getMessage());
  }

  private static long count(FaultPlan plan, long seed) {
    return IntStream.rangeClosed(1, 1000)
        .filter(i -> !plan.faultsFor(seed, i, "n" + i).isEmpty())
        .count();
  }

  private static boolean differs(FaultPlan plan) {
    return IntStream.rangeClosed(1, 1000)
        .anyMatch(i -> !plan.faultsFor(42, i, "n").equals(plan.faultsFor(43, i, "n")));
  }
}
