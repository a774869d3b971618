package io.fleetwright.devstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the nats-server and temporal binaries: an explicit system property, then the PATH, then the
 * cache that {@code make setup} fills ({@code ~/.cache/fleetwright/bin}).
 */
public final class Binaries {
  /** System property naming the nats-server binary. */
  public static final String NATS_SERVER_PROPERTY = "fleetwright.nats-server";

  /** System property naming the temporal CLI binary. */
  public static final String TEMPORAL_PROPERTY = "fleetwright.temporal";

  private Binaries() {}

  /**
   * Locates nats-server.
   *
   * @return the binary, if one was found
   */
  public static Optional<Path> natsServer() {
    return find(NATS_SERVER_PROPERTY, "nats-server");
  }

  /**
   * Locates the temporal CLI.
   *
   * @return the binary, if one was found
   */
  public static Optional<Path> temporal() {
    return find(TEMPORAL_PROPERTY, "temporal");
  }

  /**
   * The folder that {@code make setup} installs tools into.
   *
   * @return the cache's bin folder
   */
  public static Path cacheBin() {
    String cache = System.getenv("FLEETWRIGHT_CACHE");
    Path root =
        cache == null || cache.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache", "fleetwright")
            : Path.of(cache);
    return root.resolve("bin");
  }

  static Path require(Optional<Path> binary, String name, String property) {
    return binary.orElseThrow(
        () ->
            new DevStackException(
                name
                    + " not found: looked at -D"
                    + property
                    + ", the PATH and "
                    + cacheBin()
                    + ". Run 'make setup' to install it."));
  }

  private static Optional<Path> find(String property, String name) {
    String explicit = System.getProperty(property, "");
    if (!explicit.isBlank()) {
      Path path = Path.of(explicit);
      if (Files.isExecutable(path)) {
        return Optional.of(path);
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    Path cached = cacheBin().resolve(name);
    return Files.isExecutable(cached) ? Optional.of(cached) : Optional.empty();
  }
}
