package io.fleetwright.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeTemplateTest {
  @TempDir Path dir;

  @Test
  void namesNodesFromThePatternStartingAtOne() {
    assertEquals("node-00001.fleet.example.net", NodeTemplate.defaults().identity(1));
  }

  @Test
  void givesTheSameFactsForTheSameSeedAndIndex() {
    NodeTemplate t = NodeTemplate.defaults();
    assertEquals(t.factsFor(7, 12), t.factsFor(7, 12));
    Set<Object> countries = new HashSet<>();
    IntStream.rangeClosed(1, 200).forEach(i -> countries.add(t.factsFor(7, i).get("country")));
    assertEquals(Set.of("nl", "de", "us", "gb"), countries, "all four sites occur among 200 nodes");
  }

  @Test
  void keepsTheFactsOfOneSiteTogether() {
    NodeTemplate t = NodeTemplate.defaults();
    for (int i = 1; i <= 50; i++) {
      Map<String, Object> facts = t.factsFor(3, i);
      String expected =
          Map.of("nl", "ams1", "de", "fra1", "us", "nyc1", "gb", "lon1").get(facts.get("country"));
      assertEquals(expected, facts.get("datacenter"), "node " + i + ": " + facts);
    }
  }

  @Test
  void readsAnOverrideFromJson() throws Exception {
    Path file = dir.resolve("t.json");
    Files.writeString(
        file,
        "{\"identity_pattern\":\"web-%03d.lab\",\"facts\":{\"role\":[\"web\"],\"cores\":[2,4]}}");
    NodeTemplate t = NodeTemplate.fromJson(file);
    assertEquals("web-007.lab", t.identity(7));
    assertEquals("web", t.factsFor(1, 1).get("role"));
    assertTrue(List.of(2, 4).contains(t.factsFor(1, 1).get("cores")), t.factsFor(1, 1).toString());
    assertTrue(t.factsFor(1, 1).containsKey("country"), "sites keep their default");
  }

  @Test
  void namesTheUnknownKeyOfABadTemplate() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"identity\":\"x\"}");
    FleetException e = assertThrows(FleetException.class, () -> NodeTemplate.fromJson(file));
    assertTrue(e.getMessage().contains("unknown key 'identity'"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void refusesAPatternThatGivesEveryNodeTheSameName() {
    FleetException e =
        assertThrows(
            FleetException.class, () -> NodeTemplate.defaults().withIdentityPattern("node.lab"));
    assertTrue(e.getMessage().contains("same identity"), e.getMessage());
    assertNotEquals(NodeTemplate.defaults().identity(1), NodeTemplate.defaults().identity(2));
  }

  @Test
  void refusesAPatternThatCannotBeASubjectToken() {
    FleetException e =
        assertThrows(
            FleetException.class, () -> NodeTemplate.defaults().withIdentityPattern("node %d"));
    assertTrue(e.getMessage().contains("NATS subject"), e.getMessage());
  }
}
