package io.fleetwright.api;

import java.util.List;

/**
 * {@code ApplicationFailure} types that activities throw and workflows report. Retryable types are
 * retried by the activity retry policies the worker registers; the permanent ones are listed in
 * {@link #NON_RETRYABLE}, which those policies pass to {@code setDoNotRetry}, and activities also
 * throw them with {@code ApplicationFailure.newNonRetryableFailure}.
 */
public final class FailureTypes {
  /** Retryable: no reply from the node, or more than one. Expected while a node restarts. */
  public static final String NODE_UNREACHABLE = "NODE_UNREACHABLE";

  /** Retryable: the node did not answer within the RPC timeout. */
  public static final String RPC_TIMEOUT = "RPC_TIMEOUT";

  /**
   * Retryable: another provisioner holds the node's two-minute provisioning lock ({@code Could not
   * obtain provisioning lock}). Throw it with a next-retry delay of about 30 s.
   */
  public static final String NODE_LOCKED = "NODE_LOCKED";

  /** Retryable: the helper crashed, exited non-zero or printed nothing. */
  public static final String HELPER_FAILED = "HELPER_FAILED";

  /** Retryable: the helper ran past its timeout (10 s in the Go provisioner). */
  public static final String HELPER_TIMEOUT = "HELPER_TIMEOUT";

  /** Permanent: the node answered with an error status, e.g. it refused the configuration. */
  public static final String RPC_ABORTED = "RPC_ABORTED";

  /** Permanent: the node rejected the provisioning token ({@code Incorrect provision token}). */
  public static final String TOKEN_REJECTED = "TOKEN_REJECTED";

  /** Permanent: the node is not in provisioning mode any more. */
  public static final String NOT_PROVISIONING = "NOT_PROVISIONING";

  /** Permanent: the CSR does not parse, its signature fails, or its CN is not the identity. */
  public static final String CSR_INVALID = "CSR_INVALID";

  /** Permanent: the CSR's CN or a DNS name matches {@code cert_deny_list}. */
  public static final String CSR_NAME_DENIED = "CSR_NAME_DENIED";

  /** Permanent: the provisioning JWT does not verify with {@code jwt_verify_cert} or expired. */
  public static final String JWT_INVALID = "JWT_INVALID";

  /** Permanent: the ed25519 signature over the nonce does not verify. */
  public static final String ED25519_INVALID = "ED25519_INVALID";

  /** Permanent: the helper's output is not a valid ConfigResponse. */
  public static final String HELPER_OUTPUT_INVALID = "HELPER_OUTPUT_INVALID";

  /** Permanent: the built-in CA or JWT signer is not configured or cannot sign. */
  public static final String SIGNING_FAILED = "SIGNING_FAILED";

  /** Permanent: a sealed secret cannot be opened (workers disagree on the sealing key). */
  public static final String SEALED_SECRET_INVALID = "SEALED_SECRET_INVALID";

  /**
   * Permanent, raised by the workflow: the helper returned a {@code key} but the {@code jwt}
   * feature is off, so the node offered no ECDH key to encrypt it with.
   */
  public static final String KEY_EXCHANGE_UNAVAILABLE = "KEY_EXCHANGE_UNAVAILABLE";

  /**
   * Raised by the workflow as its own failure when a node ends FAILED; the failure's details hold
   * the {@link ProvisionResult}.
   */
  public static final String PROVISIONING_FAILED = "PROVISIONING_FAILED";

  /** Raised by the workflow when the helper deferred on the last allowed attempt. */
  public static final String DEFER_LIMIT_REACHED = "DEFER_LIMIT_REACHED";

  /**
   * Retryable: an attempt of a step that changes a node reached its fence (the instant from which
   * its requests are dropped) before it could send; the next attempt asks the node first.
   */
  public static final String FENCE_PASSED = "FENCE_PASSED";

  /** Types that retry policies must not retry. */
  public static final List<String> NON_RETRYABLE =
      List.of(
          RPC_ABORTED,
          TOKEN_REJECTED,
          NOT_PROVISIONING,
          CSR_INVALID,
          CSR_NAME_DENIED,
          JWT_INVALID,
          ED25519_INVALID,
          HELPER_OUTPUT_INVALID,
          SIGNING_FAILED,
          SEALED_SECRET_INVALID,
          KEY_EXCHANGE_UNAVAILABLE);

  private FailureTypes() {}

  /** Returns whether activities of this type are retried. Unknown types are retried. */
  public static boolean retryable(String type) {
    return !NON_RETRYABLE.contains(type);
  }
}
