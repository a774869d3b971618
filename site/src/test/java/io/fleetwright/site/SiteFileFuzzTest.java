package io.fleetwright.site;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the site-file loader with both YAML and JSON text. Each input either loads or throws
 * {@link SiteException}; anything else is a finding. Seeds live under {@code
 * SiteFileFuzzTestInputs/<method>/}.
 */
class SiteFileFuzzTest {
  private static Path dir;

  @BeforeAll
  static void createDir() throws IOException {
    dir = Files.createTempDirectory("site-fuzz");
  }

  @AfterAll
  static void deleteDir() throws IOException {
    for (String name : new String[] {"site.yaml", "site.json"}) {
      Files.deleteIfExists(dir.resolve(name));
    }
    Files.deleteIfExists(dir);
  }

  @FuzzTest
  void yaml(byte[] content) throws IOException {
    load("site.yaml", content);
  }

  @FuzzTest
  void json(byte[] content) throws IOException {
    load("site.json", content);
  }

  private static void load(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    try {
      SiteFiles.load(file);
    } catch (SiteException expected) {
      // documented rejection
    }
  }
}
