package io.fleetwright.tools.demo;

import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.devstack.UpdateRepository;
import io.fleetwright.fleet.EmulatedRelease;
import io.fleetwright.fleet.FleetOptions;
import io.fleetwright.fleet.NodeTemplate;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code demo --upgrade VERSION}: serves a go-updater repository holding VERSION for the emulated
 * fleet, gives every node an {@code upgrade_to} fact that the example helpers turn into {@code
 * upgrade: VERSION}, and counts from Temporal (never the emulator) the nodes that ended on it.
 */
final class DemoUpgrade implements AutoCloseable {
  /** The fact the example helpers read (helpers/examples). */
  static final String FACT = "upgrade_to";

  private final String version;
  private final UpdateRepository repository;

  private DemoUpgrade(String version, UpdateRepository repository) {
    this.version = version;
    this.repository = repository;
  }

  /** Starts the repository under {@code dataDir} and publishes the emulated release. */
  static DemoUpgrade start(String version, Path dataDir) {
    UpdateRepository repository = UpdateRepository.start(dataDir.resolve("update-repository"));
    repository.publish(
        version,
        EmulatedRelease.OS,
        EmulatedRelease.ARCH,
        EmulatedRelease.NAME,
        EmulatedRelease.binary(version));
    return new DemoUpgrade(version, repository);
  }

  String version() {
    return version;
  }

  /** Makes the fleet's nodes upgradable, with the default facts plus {@link #FACT}. */
  <B extends FleetOptions.Settings<B>> B onFleet(B fleet) {
    NodeTemplate defaults = NodeTemplate.defaults();
    Map<String, Object> facts = new HashMap<>(defaults.facts());
    facts.put(FACT, version);
    return fleet
        .upgradable(true)
        .template(new NodeTemplate(defaults.identityPattern(), defaults.sites(), facts));
  }

  /** The config keys that turn upgrades on against this repository. */
  String configKeys() {
    return """
        upgrades_repository: "%s"
        upgrades_timeout: 5m
        """
        .formatted(repository.url());
  }

  /** Counts and prints the nodes Temporal recorded PROVISIONED on the version asked for. */
  int countOnVersion(WorkflowClient client, DemoRuns.Snapshot last, PrintStream err, int nodes) {
    int on = 0;
    for (DemoRuns.Run run : last.latest().values()) {
      if (onVersion(client, run)) {
        on++;
      }
    }
    report(err, on, nodes);
    return on;
  }

  /**
   * Whether Temporal recorded the node's run PROVISIONED after it came back on the version: its
   * {@code ChoriaVersionAfter} search attribute, described now rather than listed.
   */
  private boolean onVersion(WorkflowClient client, DemoRuns.Run run) {
    if (!run.provisioned()) {
      return false;
    }
    SearchAttributes attributes =
        client
            .newUntypedWorkflowStub(
                run.workflowId(), java.util.Optional.of(run.runId()), java.util.Optional.empty())
            .describe()
            .getTypedSearchAttributes();
    return version.equals(attributes.get(SearchAttributeKeys.CHORIA_VERSION_AFTER))
        && ProvisioningState.PROVISIONED
            .name()
            .equals(attributes.get(SearchAttributeKeys.PROVISIONING_STATE));
  }

  /** Prints how many nodes Temporal recorded on the version. */
  private void report(PrintStream err, long onVersion, int nodes) {
    err.println(
        "demo: "
            + onVersion
            + "/"
            + nodes
            + " nodes provisioned on Choria "
            + version
            + " (ChoriaVersionAfter in Temporal); "
            + repository.requests(
                "/"
                    + version
                    + "/"
                    + EmulatedRelease.OS
                    + "/"
                    + EmulatedRelease.ARCH
                    + "/release.json")
            + " release.json downloads from "
            + repository.url());
  }

  @Override
  public void close() {
    repository.close();
  }
}
