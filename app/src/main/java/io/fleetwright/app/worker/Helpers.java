package io.fleetwright.app.worker;

import io.fleetwright.api.CsrResult;
import io.fleetwright.api.HelperInput;
import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.helpers.HelperConfig;
import io.fleetwright.helpers.HelperResponse;
import io.fleetwright.helpers.HelperRunner;

/** The helper as the worker starts it: its runner's settings from the config, and its warm-up. */
public final class Helpers {
  /** The identity of the synthetic node the in-process helper is warmed up with. */
  static final String WARM_UP_IDENTITY = "warm-up.fleetwright.invalid";

  private Helpers() {}

  /**
   * The helper runner's settings.
   *
   * @param config the provisioner config
   * @return the helper, its runtime and time limit
   * @throws ConfigException when no helper is set
   */
  public static HelperConfig config(ProvisionerConfig config) {
    String helper =
        config
            .helper()
            .map(Object::toString)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "helper is not set: name the program or script that decides each node's configuration,"
                            + " e.g. helper: helpers/examples/provision.js"));
    return HelperConfig.builder()
        .helper(helper)
        .runtime(io.fleetwright.helpers.HelperRuntime.parse(config.helperRuntime()))
        .timeout(config.helperTimeout())
        .build();
  }

  /**
   * Calls an in-process helper once with a synthetic node before the worker polls, so that the
   * guest language's warm-up (seconds for GraalPy) happens now and not inside the first nodes'
   * workflow tasks. A subprocess helper is not called: it may reach other systems.
   *
   * @param helper the helper runner
   * @param pki whether the synthetic node comes with a CSR ({@code features.pki})
   * @return what happened, for the start-up log line
   */
  public static String warmUp(HelperRunner helper, boolean pki) {
    if (helper.runtime() == io.fleetwright.helpers.HelperRuntime.SUBPROCESS) {
      return helper.name() + " (a subprocess per node; not called at start-up)";
    }
    long started = System.nanoTime();
    String outcome;
    try {
      HelperResponse response = helper.run(warmUpRequest(pki));
      outcome =
          response.defer()
              ? "it deferred the synthetic node"
              : response.shutdown()
                  ? "it would shut the synthetic node down"
                  : "it configured the synthetic node";
    } catch (io.fleetwright.helpers.HelperException e) {
      outcome =
          "its answer for the synthetic node was refused ("
              + e.kind()
              + ": "
              + e.getMessage()
              + "); real nodes are still sent to it";
    }
    return "%s (%s) warmed up with a synthetic node in %d ms; %s"
        .formatted(
            helper.name(), helper.runtime(), (System.nanoTime() - started) / 1_000_000, outcome);
  }

  /** A node no real fleet has, with the inventory shape and facts a helper usually reads. */
  private static HelperInput warmUpRequest(boolean pki) {
    String inventory =
        "{\"agents\":[\"choria_provision\",\"choria_util\",\"discovery\",\"rpcutil\"],"
            + "\"classes\":[],\"collectives\":[\"provisioning\"],\"data\":{},"
            + "\"facts\":{\"country\":\"zz\",\"datacenter\":\"warm-up\"},"
            + "\"machines\":{},\"main_collective\":\"provisioning\",\"version\":\"0.0.0\"}";
    CsrResult csr =
        pki
            ? new CsrResult(
                "-----BEGIN CERTIFICATE REQUEST-----\nd2FybS11cA==\n-----END CERTIFICATE"
                    + " REQUEST-----\n",
                "-----BEGIN PUBLIC KEY-----\nd2FybS11cA==\n-----END PUBLIC KEY-----\n",
                "/etc/choria/ssl")
            : null;
    return new HelperInput(WARM_UP_IDENTITY, csr, null, inventory, null);
  }
}
