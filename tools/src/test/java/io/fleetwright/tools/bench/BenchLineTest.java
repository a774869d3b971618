package io.fleetwright.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void printsTheFieldsDesignFixesFirstThenTheFiguresInOrder() throws Exception {
    String line =
        BenchLine.of("throughput", 5000, 40.0)
            .with("peer_nodes_per_min", 3000.0)
            .with("peer", "unavailable: no binary")
            .json();
    assertTrue(
        line.startsWith(
            "{\"name\":\"throughput\",\"nodes\":5000,\"seconds\":40," + "\"nodes_per_min\":7500,"),
        line);
    JsonNode tree = JSON.readTree(line);
    assertEquals(
        List.of("name", "nodes", "seconds", "nodes_per_min", "peer_nodes_per_min", "peer"),
        List.copyOf(iterable(tree)),
        line);
    assertEquals("unavailable: no binary", tree.get("peer").asText());
    assertTrue(!line.contains("\n"), "one line: " + line);
  }

  @Test
  void roundsDecimalsToThreePlacesWithoutExponents() {
    String line = BenchLine.of("latency", 7, 3.0).with("p", 12345678.98765).with("z", 0.0).json();
    assertTrue(line.contains("\"seconds\":3,"), line);
    assertTrue(line.contains("\"nodes_per_min\":140,"), line);
    assertTrue(line.contains("\"p\":12345678.988"), line);
    assertTrue(line.contains("\"z\":0"), line);
  }

  @Test
  void writesNestedFiguresAsObjects() throws Exception {
    String line = BenchLine.of("memory", 10, 1).with("rss", Map.of("1000", 200)).json();
    assertEquals(200, JSON.readTree(line).get("rss").get("1000").asInt(), line);
  }

  @Test
  void reportsZeroNodesPerMinuteForZeroSeconds() {
    assertTrue(BenchLine.of("helpers", 0, 0).json().contains("\"nodes_per_min\":0"));
  }

  @Test
  void refusesBadNamesCountsAndTimesNamingTheBenchmark() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BenchLine.of("Through put", 1, 1))
            .getMessage()
            .contains("'Through put'"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BenchLine.of("memory", -1, 1))
            .getMessage()
            .startsWith("memory: nodes"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BenchLine.of("memory", 1, Double.NaN))
            .getMessage()
            .startsWith("memory: seconds"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> BenchLine.of("memory", 1, 1).with("nodes", 2))
            .getMessage()
            .contains("'nodes' is fixed"));
  }

  private static List<String> iterable(JsonNode tree) {
    List<String> names = new java.util.ArrayList<>();
    tree.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
