package io.fleetwright.interop;

import io.fleetwright.app.Provisioner;
import io.fleetwright.app.config.ConfigLoader;
import java.util.Map;

/**
 * The {@link Provisioner} as the interop tests use it: start it from YAML, read its per-state
 * counts, close it.
 */
public final class InteropProvisioner implements AutoCloseable {
  private final Provisioner provisioner;

  private InteropProvisioner(Provisioner provisioner) {
    this.provisioner = provisioner;
  }

  /**
   * Starts the provisioner in this process.
   *
   * @param yaml the configuration file's text
   * @return the running provisioner
   */
  public static InteropProvisioner start(String yaml) {
    return new InteropProvisioner(Provisioner.start(ConfigLoader.parse(yaml)));
  }

  /**
   * @return how many nodes are in each provisioning state
   */
  public Map<String, Long> countsByState() {
    return provisioner.operator().countsByState();
  }

  @Override
  public void close() {
    provisioner.close();
  }
}
