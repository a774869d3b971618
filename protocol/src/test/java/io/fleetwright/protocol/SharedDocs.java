package io.fleetwright.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the read-only reference files: system property {@code fleetwright.shared}, else ../shared.
 */
final class SharedDocs {

  private SharedDocs() {}

  static Path choria(String file) {
    String property = System.getProperty("fleetwright.shared");
    Path root =
        property == null || property.isBlank() ? Path.of("..", "..", "shared") : Path.of(property);
    Path path = root.resolve("choria").resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          "reference file " + path.toAbsolutePath() + " is missing; set -Dfleetwright.shared");
    }
    return path;
  }

  static byte[] read(String file) {
    try {
      return Files.readAllBytes(choria(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
