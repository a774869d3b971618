package io.fleetwright.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class FleetOptionsTest {

  private static String failure(UnaryOperator<FleetOptions.Builder> settings) {
    FleetOptions.Builder builder = FleetOptions.builder().natsUrl("nats://127.0.0.1:4222");
    return assertThrows(FleetException.class, () -> settings.apply(builder).build()).getMessage();
  }

  @Test
  void namesTheFieldOfEveryBadSetting() {
    assertTrue(failure(b -> b.nodes(0)).startsWith("nodes must be between 1 and 1000000, got 0"));
    assertTrue(failure(b -> b.nodesPerConnection(0)).startsWith("nodesPerConnection"));
    assertTrue(failure(b -> b.splayScale(-1)).startsWith("splayScale"));
    assertTrue(failure(b -> b.maxSplay(Duration.ofSeconds(-1))).startsWith("maxSplay"));
    assertTrue(failure(b -> b.configDir("etc/choria")).startsWith("configDir"));
    assertTrue(failure(b -> b.maxRequestBytes(10)).startsWith("maxRequestBytes"));
    assertTrue(failure(b -> b.rsaKeyPool(-1)).startsWith("rsaKeyPool must be between 0"));
    assertTrue(failure(b -> b.identityPattern("node")).startsWith("identityPattern"));
    assertTrue(failure(b -> b.natsUrl("http://x:1")).startsWith("natsUrl"));
    assertTrue(
        failure(b -> b.targetResolver(TargetResolvers.of("nats://a:1"))).contains("not both"));
  }

  @Test
  void asksForABrokerWhenNoneIsGiven() {
    FleetException e = assertThrows(FleetException.class, () -> FleetOptions.builder().build());
    assertTrue(e.getMessage().startsWith("natsUrl: give a broker URL"), e.getMessage());
  }

  @Test
  void keepsTheGivenSettings() {
    FleetOptions options =
        FleetOptions.builder()
            .nodes(10)
            .natsUrl("nats://127.0.0.1:4222,127.0.0.1:4223")
            .token("s3cret")
            .identityPattern("n%d.lab")
            .build();
    assertEquals(10, options.nodes());
    assertEquals(0, options.rsaKeyPool());
    assertEquals(
        List.of("nats://127.0.0.1:4222", "nats://127.0.0.1:4223"), options.targets().resolve());
    assertEquals(Optional.of("s3cret"), options.token());
    assertEquals("n3.lab", options.template().identity(3));
    assertEquals(Optional.empty(), FleetOptions.builder().natsUrl("a:1").token("").build().token());
  }
}
