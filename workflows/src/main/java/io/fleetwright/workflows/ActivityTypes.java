package io.fleetwright.workflows;

import java.util.List;
import java.util.stream.Stream;

/**
 * Temporal activity type names of the api's activity interfaces: the method name with its first
 * letter upper-cased, Temporal's default.
 */
public final class ActivityTypes {
  /** {@code NodeRpcActivities.fetchJwt}. */
  public static final String FETCH_JWT = "FetchJwt";

  /** {@code NodeRpcActivities.generateEd25519}. */
  public static final String GENERATE_ED25519 = "GenerateEd25519";

  /** {@code NodeRpcActivities.fetchInventory}. */
  public static final String FETCH_INVENTORY = "FetchInventory";

  /** {@code NodeRpcActivities.requestCsr}. */
  public static final String REQUEST_CSR = "RequestCsr";

  /** {@code NodeRpcActivities.requestCheckedCsr}. */
  public static final String REQUEST_CHECKED_CSR = "RequestCheckedCsr";

  /** {@code NodeRpcActivities.fetchInventoryAndCheckedCsr}. */
  public static final String FETCH_INVENTORY_AND_CHECKED_CSR = "FetchInventoryAndCheckedCsr";

  /** {@code NodeRpcActivities.configure}. */
  public static final String CONFIGURE = "Configure";

  /** {@code NodeRpcActivities.restart}. */
  public static final String RESTART = "Restart";

  /** {@code NodeRpcActivities.shutdown}. */
  public static final String SHUTDOWN = "Shutdown";

  /** {@code NodeChangeActivities.applyConfiguration}. */
  public static final String APPLY_CONFIGURATION = "ApplyConfiguration";

  /** {@code NodeChangeActivities.shutdownNode}. */
  public static final String SHUTDOWN_NODE = "ShutdownNode";

  /** {@code CollectiveActivities.reprovision}. */
  public static final String REPROVISION = "Reprovision";

  /** {@code NodeUpgradeActivities.releaseUpdate}. */
  public static final String RELEASE_UPDATE = "ReleaseUpdate";

  /** {@code NodeUpgradeActivities.awaitVersion}. */
  public static final String AWAIT_VERSION = "AwaitVersion";

  /** {@code HelperActivities.runHelper}. */
  public static final String RUN_HELPER = "RunHelper";

  /** {@code CredentialActivities.validateJwt}. */
  public static final String VALIDATE_JWT = "ValidateJwt";

  /** {@code CredentialActivities.verifyEd25519}. */
  public static final String VERIFY_ED25519 = "VerifyEd25519";

  /** {@code CredentialActivities.validateCsr}. */
  public static final String VALIDATE_CSR = "ValidateCsr";

  /** {@code CredentialActivities.signCsr}. */
  public static final String SIGN_CSR = "SignCsr";

  /** {@code CredentialActivities.signServerJwt}. */
  public static final String SIGN_SERVER_JWT = "SignServerJwt";

  /** {@code CredentialActivities.encryptKeyForNode}. */
  public static final String ENCRYPT_KEY_FOR_NODE = "EncryptKeyForNode";

  /**
   * The node RPCs that only read the node, or make it a key that only the answer's later steps use
   * (docs/exactly-once.md): retried for a time budget, not a number of tries.
   */
  public static final List<String> NODE_READS =
      List.of(
          FETCH_JWT,
          GENERATE_ED25519,
          FETCH_INVENTORY,
          REQUEST_CSR,
          REQUEST_CHECKED_CSR,
          FETCH_INVENTORY_AND_CHECKED_CSR);

  /** The node RPC activity types: the reads, then the RPCs that change the node. */
  public static final List<String> NODE_RPC =
      Stream.concat(NODE_READS.stream(), Stream.of(CONFIGURE, RESTART, SHUTDOWN)).toList();

  /** The types of the steps that change a node: regular activities only, never local. */
  public static final List<String> NODE_CHANGES =
      List.of(APPLY_CONFIGURATION, SHUTDOWN_NODE, RELEASE_UPDATE);

  /** The credential activity types. */
  public static final List<String> CREDENTIALS =
      List.of(
          VALIDATE_JWT,
          VERIFY_ED25519,
          VALIDATE_CSR,
          SIGN_CSR,
          SIGN_SERVER_JWT,
          ENCRYPT_KEY_FOR_NODE);

  private ActivityTypes() {}
}
