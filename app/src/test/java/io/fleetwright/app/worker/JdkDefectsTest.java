package io.fleetwright.app.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JDKs whose virtual threads may never run again are named, with the release that fixes them.
 */
class JdkDefectsTest {
  private static List<String> ids(String version) {
    return JdkDefects.of(Runtime.Version.parse(version)).stream()
        .map(JdkDefects.Defect::id)
        .toList();
  }

  @Test
  void namesTheDefectsOfEachJdk() {
    assertEquals(List.of("JDK-8369227", "JDK-8373120"), ids("25+36"));
    assertEquals(List.of("JDK-8373120"), ids("25.0.3+9-LTS"));
    assertEquals(List.of(), ids("25.0.4+7"));
    assertEquals(List.of("JDK-8369227", "JDK-8373120"), ids("26+35"));
    assertEquals(List.of(), ids("26.0.1"));
    assertEquals(List.of(), ids("21.0.9"));
    assertEquals(List.of(), ids("27"));
  }

  @Test
  void theWarningNamesTheVersionTheEffectAndTheFix() {
    Runtime.Version v = Runtime.Version.parse("25.0.3+9-LTS");
    String line = JdkDefects.describe(v, JdkDefects.of(v));
    assertTrue(
        line.startsWith(
            "Java 25.0.3+9-LTS has JDK-8373120 (a virtual thread blocked on a monitor may never"
                + " run again, fixed in 25.0.4)"),
        line);
    assertTrue(line.contains("workflow code) on platform threads"), line);
    assertTrue(
        line.endsWith("Run a newer JDK where you can (bin/find-jdk picks the newest installed)"),
        line);
  }
}
