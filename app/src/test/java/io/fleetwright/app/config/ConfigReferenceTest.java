package io.fleetwright.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** README.md's configuration reference names every key the loader reads, with its real default. */
class ConfigReferenceTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_.]+)` \\| ([^|]*) \\|");

  private static Map<String, String> documented() throws IOException {
    Path readme = Path.of("..", "README.md");
    List<String> lines = Files.readAllLines(readme);
    int start = lines.indexOf("## Configuration");
    assertTrue(start >= 0, "README.md has no '## Configuration' section");
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        rows.put(m.group(1), m.group(2).replace("`", "").replace("\\|", "|").trim());
      }
    }
    return rows;
  }

  @Test
  void everyKeyIsDocumentedWithItsDefault() throws IOException {
    Map<String, String> rows = documented();
    Map<String, String> actual = ConfigLoader.keysWithDefaults();
    String missing =
        actual.entrySet().stream()
            .filter(
                e -> !rows.containsKey(e.getKey()) || !rows.get(e.getKey()).contains(e.getValue()))
            .map(
                e ->
                    "| `"
                        + e.getKey()
                        + "` | `"
                        + e.getValue()
                        + "` | ... | (README: "
                        + rows.get(e.getKey())
                        + ")")
            .collect(Collectors.joining("\n"));
    assertEquals("", missing, "README.md's configuration table lacks or misstates:\n" + missing);
  }

  @Test
  void theReferenceDocumentsNoKeyThatDoesNotExist() throws IOException {
    Set<String> stale = new TreeSet<>(documented().keySet());
    stale.removeAll(ConfigLoader.keysWithDefaults().keySet());
    assertEquals(Set.of(), stale, "README.md documents keys the loader does not read");
  }

  @Test
  void theLoaderReportsNestedKeysAndDefaults() {
    Map<String, String> keys = ConfigLoader.keysWithDefaults();
    assertEquals("127.0.0.1:7233", keys.get("temporal.target"));
    assertEquals("30s", keys.get("defer.initial_delay"));
    assertEquals("none", keys.get("helper"));
    assertEquals("empty", keys.get("token"));
    assertEquals("ignored", keys.get("rego_policy"));
    assertEquals("2", keys.get("defer.multiplier"));
  }
}
