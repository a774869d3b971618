package io.fleetwright.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.app.cli.Main;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code discover --json} against a real nats-server and a small emulated fleet. */
class DiscoverCommandTest {
  @Test
  void discoverJsonCountsAndListsTheNodesThatAnswered() throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        Fleet fleet = Fleet.builder().nodes(3).natsUrl(nats.url()).token("t").build().start()) {
      StringWriter out = new StringWriter();
      CommandLine cli = Main.commandLine(new DiscoverCommand());
      cli.setOut(new PrintWriter(out, true));
      int exit = cli.execute("discover", "--nats", nats.url(), "--timeout", "2s", "--json");
      assertEquals(0, exit, out.toString());
      JsonNode node = new ObjectMapper().readTree(out.toString());
      assertEquals(3, node.path("discovered").asInt(), out.toString());
      assertEquals(3, node.path("nodes").size(), out.toString());
      assertTrue(node.path("nodes").path(0).asText().startsWith("node-"), out.toString());
      assertEquals(2000, node.path("timeout_ms").asLong(), out.toString());
    }
  }
}
