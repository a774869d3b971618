package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.Fault;
import io.fleetwright.protocol.ProvisionRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code restart}, {@code reprovision} and {@code shutdown}: the actions that end this process's
 * life.
 */
final class RestartActions {
  private RestartActions() {}

  static ActionResult restart(EmulatedNode node, RequestData data) throws RequestData.InvalidData {
    if (!node.inProvisioning() && node.settings().token().isEmpty()) {
      return ActionResult.aborted(
          "Cannot restart a server that is not in provisioning mode or with no token set");
    }
    ProvisionRequest.Restart in = data.read(ProvisionRequest.Restart::from);
    int splay = in.splay();
    if (!ProvisionAgent.tokenOk(node, in.token())) {
      return ActionResult.aborted(ProvisionAgent.BAD_TOKEN);
    }
    String file = node.settings().configFile();
    Map<String, String> config = node.configuration;
    if (config == null) {
      return ActionResult.aborted(
          "Configuration "
              + file
              + " could not be parsed, restart cannot continue: open "
              + file
              + ": no such file or directory");
    }
    if (ServerConfig.provisioningEnabled(config)) {
      return ActionResult.aborted(
          "Configuration " + file + " enables provisioning, restart cannot continue");
    }
    if (splay < 0) {
      return ActionResult.invalidData(
          "Could not parse request data for choria_provision#restart: splay must not be negative, got "
              + splay);
    }
    long seconds = ThreadLocalRandom.current().nextInt(splay == 0 ? 10 : splay) + 2L;
    node.recordRestart();
    scheduleRestart(node, seconds);
    return ActionResult.message("Restarting Choria Server after " + GoDuration.seconds(seconds));
  }

  static ActionResult reprovision(EmulatedNode node, RequestData data)
      throws RequestData.InvalidData {
    if (node.inProvisioning()) {
      return ActionResult.aborted(
          "Server is already in provisioning mode, cannot enable provisioning mode again");
    }
    ProvisionRequest.Reprovision in = data.read(ProvisionRequest.Reprovision::from);
    if (!ProvisionAgent.tokenOk(node, in.token())) {
      return ActionResult.aborted(ProvisionAgent.BAD_TOKEN);
    }
    Map<String, String> config = new LinkedHashMap<>();
    config.put(ServerConfig.PROVISION, "1");
    config.put("loglevel", "debug");
    node.configuration = Map.copyOf(config);
    long seconds = ThreadLocalRandom.current().nextInt(10) + 2L;
    scheduleRestart(node, seconds);
    return ActionResult.message("Restarting after " + GoDuration.seconds(seconds));
  }

  static ActionResult shutdown(EmulatedNode node, RequestData data) throws RequestData.InvalidData {
    if (!node.inProvisioning() && node.settings().token().isEmpty()) {
      return ActionResult.aborted(
          "Cannot shutdown a server that is not in provisioning mode or with no token set");
    }
    ProvisionRequest.Shutdown in = data.read(ProvisionRequest.Shutdown::from);
    if (!ProvisionAgent.tokenOk(node, in.token())) {
      return ActionResult.aborted(ProvisionAgent.BAD_TOKEN);
    }
    long seconds = ThreadLocalRandom.current().nextInt(10);
    Duration wait = node.settings().splay().apply(seconds);
    node.recordShutdown();
    node.host()
        .schedule(
            wait,
            () -> {
              node.mutex.lock();
              try {
                if (node.alive()) {
                  node.host().announce(node, "shutdown");
                  node.stop();
                }
              } finally {
                node.mutex.unlock();
              }
            });
    return ActionResult.message("Shutting Choria Server down after " + GoDuration.seconds(seconds));
  }

  /**
   * Announces the shutdown at once, then after the (scaled) splay comes back, running the program
   * installed on disk (a new version after {@code release_update}), as the stored configuration
   * says: provisioned in its collectives, or in provisioning mode again.
   */
  static void scheduleRestart(EmulatedNode node, long seconds) {
    if (node.restartPending) {
      return;
    }
    node.restartPending = true;
    Duration wait = node.settings().splay().apply(seconds);
    node.host()
        .schedule(
            Duration.ZERO,
            () -> {
              node.host().announce(node, "shutdown");
              node.host().schedule(wait, () -> comeBack(node));
            });
  }

  private static void comeBack(EmulatedNode node) {
    node.mutex.lock();
    try {
      node.restartPending = false;
      if (!node.alive()) {
        return;
      }
      boolean upgrading = node.startInstalled();
      if (node.nodeFaults().has(Fault.NEVER_RETURN_AFTER_RESTART)
          || (upgrading && node.nodeFaults().has(Fault.NEVER_RETURN_AFTER_UPDATE))) {
        node.host().leave(node);
        node.lock.reset();
        node.ecdhKey = null;
        node.vanish();
        return;
      }
      // bootAgain forgets the lease and the in-memory ECDH key, as a re-executed process does.
      node.bootAgain();
    } finally {
      node.mutex.unlock();
    }
  }
}
