package io.fleetwright.devstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the nats-server, temporal, temporal-server and temporal-sql-tool binaries: an explicit
 * system property, then the PATH, then the cache that {@code make setup} fills ({@code
 * ~/.cache/fleetwright/bin}); and PostgreSQL's programs from Debian's packages.
 */
public final class Binaries {
  /** System property naming the nats-server binary. */
  public static final String NATS_SERVER_PROPERTY = "fleetwright.nats-server";

  /** System property naming the temporal CLI binary. */
  public static final String TEMPORAL_PROPERTY = "fleetwright.temporal";

  /** System property naming the Temporal server binary ({@code temporal-server}). */
  public static final String TEMPORAL_SERVER_PROPERTY = "fleetwright.temporal-server";

  /** System property naming Temporal's SQL schema tool ({@code temporal-sql-tool}). */
  public static final String TEMPORAL_SQL_TOOL_PROPERTY = "fleetwright.temporal-sql-tool";

  /** System property naming the folder holding PostgreSQL's initdb, postgres and pg_ctl. */
  public static final String POSTGRES_BIN_PROPERTY = "fleetwright.postgres-bin";

  private static final Path DEBIAN_POSTGRES = Path.of("/usr/lib/postgresql");

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
   * Locates the Temporal server that {@code make setup} builds from {@code go.temporal.io/server}.
   *
   * @return the binary, if one was found
   */
  public static Optional<Path> temporalServer() {
    return find(TEMPORAL_SERVER_PROPERTY, "temporal-server");
  }

  /**
   * Locates Temporal's SQL schema tool, built by {@code make setup} from the same module.
   *
   * @return the binary, if one was found
   */
  public static Optional<Path> temporalSqlTool() {
    return find(TEMPORAL_SQL_TOOL_PROPERTY, "temporal-sql-tool");
  }

  /**
   * Locates PostgreSQL's server programs: the folder named by {@code -Dfleetwright.postgres-bin},
   * else the newest {@code /usr/lib/postgresql/N/bin} of Debian's packages.
   *
   * @return the folder holding initdb, postgres, pg_ctl and pg_isready, if one was found
   */
  public static Optional<Path> postgresBin() {
    String explicit = System.getProperty(POSTGRES_BIN_PROPERTY, "");
    if (!explicit.isBlank()) {
      Path dir = Path.of(explicit);
      return Files.isExecutable(dir.resolve("initdb")) ? Optional.of(dir) : Optional.empty();
    }
    try (Stream<Path> versions = Files.list(DEBIAN_POSTGRES)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
          .max(Comparator.comparingInt(Binaries::majorVersion));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
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
