package io.fleetwright.workflows;

import io.fleetwright.api.AwaitVersionInput;
import io.fleetwright.api.ChoriaVersions;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.InventoryResult;
import io.fleetwright.api.NodeReturn;
import io.fleetwright.api.NodeUpgradeActivities;
import io.fleetwright.api.ProvisioningStep;
import io.fleetwright.api.UpdateInput;
import io.fleetwright.api.UpdateResult;
import io.fleetwright.api.UpgradePolicy;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The helper asked for another Choria version ({@code upgrade}, with {@code features.upgrades}):
 * {@code release_update}, then wait in this run for the node to come back in provisioning mode on
 * that version. Unlike the Go provisioner, which drops the node and finds it again later, the run
 * keeps the node: the caller gathers its facts again and asks the helper again.
 */
final class NodeUpgrade {
  /** Change ID of the upgrade step; reached only when the helper asks for a version. */
  static final String CHANGE_ID = "choria-upgrade";

  private static final Logger log = Workflow.getLogger(NodeUpgrade.class);
  private final Steps steps;
  private final NodeProgress progress;
  private final UpgradePolicy policy;
  private @Nullable NodeUpgradeActivities activities;
  private String tried = "";

  NodeUpgrade(Steps steps, NodeProgress progress, UpgradePolicy policy) {
    this.steps = steps;
    this.progress = progress;
    this.policy = policy;
  }

  /**
   * Upgrades the node if the decision asks for a version it does not run. Returns true when the
   * node restarted into another program: its facts must be gathered again and the helper asked
   * again. Returns false to go on with the decision: no upgrade asked for, none needed, or (with
   * {@code upgrades_optional}) skipped with a warning. Throws the run's failure otherwise.
   */
  boolean restarted(NodeFacts facts, HelperDecision decision) {
    if (!policy.enabled()
        || !(decision instanceof HelperDecision.Configure configure)
        || configure.upgrade() == null
        || configure.upgrade().isBlank()
        || Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return false;
    }
    String target = configure.upgrade().strip();
    InventoryResult inventory = facts.inventory();
    String running = inventory == null ? "" : inventory.version();
    if (ChoriaVersions.same(target, running)) {
      log.info("{} runs Choria {}, the version the helper asked for", facts.identity(), running);
      return false;
    }
    String refusal = refusal(facts.identity(), target, running, inventory);
    if (refusal != null) {
      return skipOrFail(target, running, refusal);
    }
    tried = target;
    return upgrade(facts.identity(), running, target);
  }

  private @Nullable String refusal(
      String identity, String target, String running, @Nullable InventoryResult inventory) {
    if (!tried.isEmpty()) {
      return ("the helper asked for %s after this run already sent %s release_update to %s, and"
              + " it runs %s; one release_update per run")
          .formatted(target, identity, tried, running);
    }
    if (running.isBlank()) {
      return "%s did not report a version in its inventory".formatted(identity);
    }
    if (inventory == null || !inventory.upgradable()) {
      return ("%s does not support upgrades (inventory upgradable: false); its provisioning JWT"
              + " needs the update claim (choria jwt prov --upgrade)")
          .formatted(identity);
    }
    if (policy.repository().isBlank()) {
      return "upgrades_repository is not set; set it to the go-updater repository";
    }
    return null;
  }

  private boolean upgrade(String identity, String running, String target) {
    progress.versions(running, null);
    UpdateResult update =
        steps.run(
            ProvisioningStep.UPGRADE,
            () -> stub().releaseUpdate(new UpdateInput(identity, policy.repository(), target)));
    if (!update.accepted()) {
      return skipOrFail(
          target,
          running,
          "release_update to %s refused by %s: %s".formatted(target, identity, update.message()));
    }
    progress.message(update.message());
    Instant notAfter = Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(policy.timeout());
    NodeReturn back =
        steps.run(
            ProvisioningStep.UPGRADE_WAIT,
            () -> stub().awaitVersion(new AwaitVersionInput(identity, running, target, notAfter)));
    if (!back.answered()) {
      throw steps.fail(
          ("%s did not come back in provisioning mode within %s (upgrades_timeout) after"
                  + " release_update from %s to %s; check the node's logs and the release in %s")
              .formatted(identity, policy.timeout(), running, target, policy.repository()),
          null);
    }
    progress.versions(running, back.version());
    if (!ChoriaVersions.same(back.version(), target)) {
      // It restarted (or never left), so go round again: on the old version with the optional flag.
      skipOrFail(
          target,
          running,
          ("%s came back on version %s, not %s, after release_update: the new program did not"
                  + " start or the node rolled back")
              .formatted(identity, back.version(), target));
      return true;
    }
    String message = "upgraded %s from Choria %s to %s".formatted(identity, running, target);
    log.info("{}", message);
    progress.message(message);
    return true;
  }

  /** With {@code upgrades_optional}, warns and returns false; otherwise ends the run FAILED. */
  private boolean skipOrFail(String target, String running, String reason) {
    if (!policy.optional()) {
      throw steps.fail("could not upgrade to %s: %s".formatted(target, reason), null);
    }
    String warning =
        "Could not upgrade to %s, continuing on %s: %s"
            .formatted(target, running.isBlank() ? "its version" : running, reason);
    log.warn("{}", warning);
    progress.message(warning);
    return false;
  }

  private NodeUpgradeActivities stub() {
    if (activities == null) {
      activities = Workflow.newActivityStub(NodeUpgradeActivities.class);
    }
    return activities;
  }
}
