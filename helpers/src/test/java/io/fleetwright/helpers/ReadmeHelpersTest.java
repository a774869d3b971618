package io.fleetwright.helpers;

import static io.fleetwright.helpers.TestHelpers.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.HelperInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three helper examples in README.md's helper contract run as written (GraalJS, GraalPy, a sh
 * subprocess with jq) and give the same replies.
 */
@Timeout(300)
class ReadmeHelpersTest {
  private static final Pattern BLOCK =
      Pattern.compile("```(js|python|sh)\\n(.*?)```", Pattern.DOTALL);
  private static final Map<String, HelperRunner> RUNNERS = new LinkedHashMap<>();

  @BeforeAll
  static void writeTheReadmeExamples(@TempDir Path dir) throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("## The helper contract");
    assertTrue(start >= 0, "README.md has no '## The helper contract' section");
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    Matcher m = BLOCK.matcher(section);
    Map<String, String> files =
        Map.of("js", "provision.js", "python", "provision.py", "sh", "provision.sh");
    while (m.find()) {
      Path file = dir.resolve(files.get(m.group(1)));
      Files.writeString(file, m.group(2));
      String helper = m.group(1).equals("sh") ? "/bin/sh " + file : file.toString();
      RUNNERS.put(m.group(1), HelperRunners.create(HelperConfig.builder().helper(helper).build()));
    }
    assertEquals(
        3, RUNNERS.size(), "README.md's helper contract needs a js, python and sh example");
  }

  @AfterAll
  static void stop() {
    RUNNERS.values().forEach(HelperRunner::close);
  }

  @Test
  void everyExampleConfiguresANodeWithACountry() {
    HelperInput node = request("node1.example.net", "{\"facts\":{\"country\":\"de\"}}");
    for (Map.Entry<String, HelperRunner> e : RUNNERS.entrySet()) {
      HelperResponse reply = e.getValue().run(node);
      assertTrue(!reply.defer() && !reply.shutdown(), e.getKey() + ": " + reply);
      assertEquals(
          Map.of(
              "plugin.choria.server.provision", "false",
              "plugin.choria.middleware_hosts", "nats://nats-de.example.net:4222",
              "registerinterval", "300"),
          reply.configuration(),
          e.getKey());
    }
  }

  @Test
  void everyExampleDefersANodeWithoutACountry() {
    HelperInput node = request("node2.example.net", "{\"facts\":{}}");
    for (Map.Entry<String, HelperRunner> e : RUNNERS.entrySet()) {
      HelperResponse reply = e.getValue().run(node);
      assertTrue(reply.defer(), e.getKey() + ": " + reply);
    }
  }
}
