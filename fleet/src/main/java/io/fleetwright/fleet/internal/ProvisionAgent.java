package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.Fault;
import io.fleetwright.protocol.ProvisionRequest;
import java.util.Set;

/**
 * The {@code choria_provision} agent's rules, in the real agent's order: unknown action, then the
 * provisioning lock (for locked actions), then the node mutex, then each action's mode, data and
 * token checks.
 */
final class ProvisionAgent {
  static final String AGENT = ProvisionRequest.AGENT;
  static final String LOCKED = "Could not obtain provisioning lock";
  static final String BAD_TOKEN = "Incorrect provision token supplied";
  static final String NOT_PROVISIONING =
      "Cannot reconfigure a server that is not in provisioning mode";

  private static final Set<String> LOCKED_ACTIONS =
      Set.of("configure", "gencsr", "gen25519", "jwt", "release_update");
  private static final Set<String> ACTIONS =
      Set.of(
          "configure",
          "gen25519",
          "gencsr",
          "jwt",
          "release_update",
          "reprovision",
          "restart",
          "shutdown");

  private ProvisionAgent() {}

  static ActionResult handle(EmulatedNode node, ActionCall call) {
    if (!ACTIONS.contains(call.action())) {
      return ActionResult.unknownAction(call.action(), AGENT);
    }
    if (LOCKED_ACTIONS.contains(call.action())
        && !node.lock.tryLock(
            call.senderId(), call.callerId(), node.settings().clock().instant())) {
      return ActionResult.aborted(LOCKED);
    }
    node.mutex.lock();
    try {
      return dispatch(node, call, new RequestData(call));
    } catch (RequestData.InvalidData e) {
      return ActionResult.invalidData(e.getMessage());
    } finally {
      node.mutex.unlock();
    }
  }

  private static ActionResult dispatch(EmulatedNode node, ActionCall call, RequestData data)
      throws RequestData.InvalidData {
    return switch (call.action()) {
      case "configure" -> ConfigureAction.configure(node, call, data);
      case "gencsr" -> KeyActions.gencsr(node, data);
      case "gen25519" -> KeyActions.gen25519(node, data);
      case "jwt" -> KeyActions.jwt(node, data);
      case "release_update" -> releaseUpdate(node, data);
      case "restart" -> RestartActions.restart(node, data);
      case "reprovision" -> RestartActions.reprovision(node, data);
      case "shutdown" -> RestartActions.shutdown(node, data);
      default -> ActionResult.unknownAction(call.action(), AGENT);
    };
  }

  /** True when the node has no token or {@code token} equals it. */
  static boolean tokenOk(EmulatedNode node, String token) {
    return node.settings().token().map(token::equals).orElse(true);
  }

  /**
   * go-choria's order: provisioning mode, then updates allowed (the provisioning JWT's {@code
   * update} claim), then the inputs, then the token; then go-updater, and on success the {@code
   * upgraded} event and a restart into the new version after 2 s.
   */
  private static ActionResult releaseUpdate(EmulatedNode node, RequestData data)
      throws RequestData.InvalidData {
    if (!node.inProvisioning()) {
      return ActionResult.aborted("Cannot update a server that is not in provisioning mode");
    }
    if (!node.settings().allowUpdate()) {
      return ActionResult.aborted("Version updates is not enabled in the configuration");
    }
    ProvisionRequest.ReleaseUpdate in = data.read(ProvisionRequest.ReleaseUpdate::from);
    String version = in.version();
    if (!tokenOk(node, in.token())) {
      return ActionResult.aborted(BAD_TOKEN);
    }
    String installed;
    try {
      installed =
          Updater.apply(in.repository(), version, node.nodeFaults().has(Fault.BAD_UPDATE_CHECKSUM));
    } catch (Updater.Failed e) {
      // go-updater leaves the running binary in place on every failure it reports here.
      return ActionResult.aborted(
          "Update to version " + version + " failed, release rolled back: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ActionResult.aborted(
          "Update to version " + version + " failed, release rolled back: interrupted");
    }
    String running = node.version();
    node.installed(version, installed);
    node.host().announceUpgraded(node, running, version);
    RestartActions.scheduleRestart(node, 2);
    return ActionResult.message("Restarting Choria Server after 2s");
  }
}
