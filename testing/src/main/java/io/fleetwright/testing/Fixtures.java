package io.fleetwright.testing;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.NatsServerOptions;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.devstack.TemporalDevServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the real servers that integration tests run against, each on free 127.0.0.1 ports in a new
 * temporary folder. Close what you start (try-with-resources) so nothing is left running.
 */
public final class Fixtures {
  /** The custom search attributes the provisioner uses, as registered on every dev server. */
  public static final Map<String, String> SEARCH_ATTRIBUTES = searchAttributes();

  private Fixtures() {}

  private static Map<String, String> searchAttributes() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("ProvisioningState", "Keyword");
    attributes.put("NodeIdentity", "Keyword");
    attributes.put("ProvisioningAttempt", "Int");
    attributes.put("Site", "Keyword");
    attributes.put("CredentialsExpireAt", "Datetime");
    attributes.put("ChoriaVersionBefore", "Keyword");
    attributes.put("ChoriaVersionAfter", "Keyword");
    return Map.copyOf(attributes);
  }

  /**
   * Starts a real nats-server on a free port.
   *
   * @return the running server
   */
  public static NatsServer startNats() {
    return NatsServer.start(NatsServerOptions.builder().build());
  }

  /**
   * Starts a real {@code temporal server start-dev}, headless, with a SQLite file and our search
   * attributes.
   *
   * @return the running server
   */
  public static TemporalDevServer startTemporal() {
    return TemporalDevServer.start(
        TemporalDevServerOptions.builder().searchAttributes(SEARCH_ATTRIBUTES).build());
  }

  /**
   * The shared reference folder (Choria schemas, DDLs, samples).
   *
   * @return the folder named by the {@code fleetwright.shared} system property, else {@code
   *     ../shared}
   */
  public static Path sharedDir() {
    String configured = System.getProperty("fleetwright.shared", "");
    Path dir = configured.isBlank() ? Path.of("..", "shared") : Path.of(configured);
    if (!Files.isDirectory(dir)) {
      dir = Path.of("..", "..", "shared");
    }
    return dir.toAbsolutePath().normalize();
  }
}
