package io.fleetwright.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads the Choria site-graph fixtures from the shared docs directory. */
final class Samples {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Samples() {}

  static Path shared() {
    String dir = System.getProperty("fleetwright.shared");
    return dir == null || dir.isBlank() ? Path.of("..", "..", "shared") : Path.of(dir);
  }

  static SiteFile load(String name) {
    try {
      return JSON.readValue(shared().resolve("choria").resolve(name).toFile(), SiteFile.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the fixture " + name, e);
    }
  }
}
