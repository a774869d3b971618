package io.fleetwright.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RpcutilAgentTest {
  private final FakeHost host = new FakeHost(Optional.of("s3cret"));
  private final EmulatedNode node = host.node("node1.lab.local");

  @Test
  void answersInventoryWithTheGoServersFieldsInTheirOrder() throws Exception {
    ActionResult result = node.call(Calls.call("rpcutil", "inventory", "s", "c"));
    String json = new ObjectMapper().writeValueAsString(result.data());
    assertEquals(
        "{\"agents\":[\"choria_provision\",\"choria_util\",\"discovery\",\"rpcutil\"],\"classes\":[],"
            + "\"collectives\":[\"provisioning\"],\"data_plugins\":[],\"facts\":{\"cores\":8,\"country\":\"nl\"},"
            + "\"machines\":[],\"main_collective\":\"provisioning\",\"version\":\"0.30.2\",\"upgradable\":false}",
        json);
  }

  @Test
  void answersPingWithTheTimeInSeconds() {
    ActionResult result = node.call(Calls.call("rpcutil", "ping", "s", "c"));
    assertEquals(Map.of("pong", 1718000000L), result.data());
  }

  @Test
  void answersGetFactAndCollectiveInfo() {
    assertEquals(
        Map.of("fact", "country", "value", "nl"),
        node.call(Calls.call("rpcutil", "get_fact", "s", "c", "fact", "country")).data());
    assertEquals(
        Map.of("main_collective", "provisioning", "collectives", List.of("provisioning")),
        node.call(Calls.call("rpcutil", "collective_info", "s", "c")).data());
  }

  @Test
  void answersDiscoveryPingsOnly() {
    assertEquals(Optional.of("pong"), node.discovery("ping".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.empty(), node.discovery(new byte[] {(byte) 0xa6, 0x29, (byte) 0xe0}));
  }
}
