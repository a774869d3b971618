package io.fleetwright.fleet;

/**
 * Scripted failure points of an emulated node, switched on per node or for a share of the fleet
 * with {@link FaultPlan}. Each names the moment at which the node misbehaves.
 */
public enum Fault {
  /** Every reply is published only after the plan's delay. */
  SLOW_REPLIES,
  /**
   * {@code configure} writes the configuration at once, but its reply is published only after the
   * plan's delay: for that long the node is configured while its provisioner waits to hear so.
   */
  SLOW_CONFIGURE_REPLY,
  /** Requests are processed (state changes happen) but no reply is ever published. */
  DROP_REPLIES,
  /** Replies are published as bytes that are not a valid Choria transport message. */
  MALFORMED_REPLIES,
  /** {@code gencsr} returns a CSR whose CN is not the requested one. */
  BAD_CSR_CN,
  /**
   * {@code configure} stores and answers, then the node vanishes, so {@code restart} is never
   * answered.
   */
  CRASH_AFTER_CONFIGURE,
  /** {@code restart} answers and announces its shutdown, but the node never comes back. */
  NEVER_RETURN_AFTER_RESTART,
  /**
   * {@code release_update} downloads a release whose checksum does not match, so it answers with
   * go-choria's rollback message and the node keeps its version.
   */
  BAD_UPDATE_CHECKSUM,
  /**
   * {@code release_update} succeeds, publishes {@code upgraded} and its shutdown, but the node
   * never comes back from the restart into the new version.
   */
  NEVER_RETURN_AFTER_UPDATE
}
