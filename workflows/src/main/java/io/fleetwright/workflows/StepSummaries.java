package io.fleetwright.workflows;

import java.util.Map;

/**
 * What each activity and timer of a node's run shows as its summary in the Web UI's event history
 * and timeline, instead of a bare type name or timer ID. Summaries are user metadata: the
 * determinism check does not compare them, so changing one needs no version.
 */
final class StepSummaries {
  /** The checkpoint timer of version-2 runs ({@link Stubs#checkpointBeforeChanges}). */
  static final String CHECKPOINT =
      "checkpoint: record inventory, CSR and helper answer before changing the node";

  private static final Map<String, String> ACTIVITIES =
      Map.ofEntries(
          Map.entry(ActivityTypes.FETCH_JWT, "choria_provision#jwt: the node's provisioning JWT"),
          Map.entry(
              ActivityTypes.GENERATE_ED25519,
              "choria_provision#gen25519: the node's ed25519 key, signing our nonce"),
          Map.entry(
              ActivityTypes.FETCH_INVENTORY, "rpcutil#inventory: the node's facts and agents"),
          Map.entry(ActivityTypes.REQUEST_CSR, "choria_provision#gencsr: a CSR from the node"),
          Map.entry(
              ActivityTypes.REQUEST_CHECKED_CSR,
              "choria_provision#gencsr, then the CSR checks: key, names, deny list"),
          Map.entry(
              ActivityTypes.FETCH_INVENTORY_AND_CHECKED_CSR,
              "rpcutil#inventory, then choria_provision#gencsr and the CSR checks"),
          Map.entry(
              ActivityTypes.CONFIGURE, "choria_provision#configure: the helper's configuration"),
          Map.entry(
              ActivityTypes.RESTART, "choria_provision#restart: the node restarts, configured"),
          Map.entry(
              ActivityTypes.SHUTDOWN, "choria_provision#shutdown: the helper asked to shut down"),
          Map.entry(
              ActivityTypes.APPLY_CONFIGURATION,
              "choria_provision#configure, then #restart: the helper's configuration"),
          Map.entry(
              ActivityTypes.SHUTDOWN_NODE,
              "choria_provision#shutdown: the helper asked to shut down"),
          Map.entry(
              ActivityTypes.REPROVISION,
              "choria_provision#reprovision: back into provisioning mode to renew"),
          Map.entry(
              ActivityTypes.RELEASE_UPDATE, "release_update: the Choria version the helper asked"),
          Map.entry(
              ActivityTypes.AWAIT_VERSION, "wait for the node to answer on its new Choria version"),
          Map.entry(ActivityTypes.RUN_HELPER, "helper: decides the node's configuration"),
          Map.entry(
              ActivityTypes.VALIDATE_JWT, "check the provisioning JWT's signature and claims"),
          Map.entry(
              ActivityTypes.VERIFY_ED25519, "check the node's ed25519 signature of our nonce"),
          Map.entry(ActivityTypes.VALIDATE_CSR, "check the node's CSR: key, names, deny list"),
          Map.entry(ActivityTypes.SIGN_CSR, "built-in CA signs the node's CSR"),
          Map.entry(ActivityTypes.SIGN_SERVER_JWT, "sign the node's server JWT"),
          Map.entry(
              ActivityTypes.ENCRYPT_KEY_FOR_NODE,
              "encrypt the helper's private key for the node (ECDH)"));

  private StepSummaries() {}

  /** The summary of an activity type; every type of {@link ActivityTypes} has one. */
  static String activity(String type) {
    String summary = ACTIVITIES.get(type);
    if (summary == null) {
      throw new IllegalArgumentException("no summary for activity type " + type);
    }
    return summary;
  }

  /** The wait after {@code reprovision}, for the node to restart into provisioning mode. */
  static String reprovisionWait(java.time.Duration wait) {
    return "wait " + wait.toSeconds() + "s for the node to restart into provisioning mode";
  }
}
