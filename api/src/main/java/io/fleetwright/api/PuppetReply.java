package io.fleetwright.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One node's answer to a {@code puppet} agent call made by {@link PuppetActivities}. Fields an
 * action does not report keep their defaults (false, 0, -1, "").
 *
 * @param node the node identity
 * @param error why the call failed for this node (no reply, refused, timed out), or null
 * @param enabled whether the agent is enabled after the call
 * @param applying whether a catalog run is in progress
 * @param lastrun epoch seconds of the last finished run, 0 if unknown
 * @param disableMessage the lock message while disabled, else ""
 * @param initiatedAt epoch seconds when {@code runonce} was accepted, 0 otherwise
 * @param failedResources failed resources of the last run, -1 if unknown
 */
public record PuppetReply(
    String node,
    @Nullable String error,
    boolean enabled,
    boolean applying,
    long lastrun,
    String disableMessage,
    long initiatedAt,
    int failedResources) {

  /** Checks the node and message are present. */
  public PuppetReply {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(disableMessage, "disableMessage");
  }

  /**
   * A failed call.
   *
   * @param node the node
   * @param error why, naming the action
   * @return the reply
   */
  public static PuppetReply failed(String node, String error) {
    return new PuppetReply(
        node, Objects.requireNonNull(error, "error"), false, false, 0, "", 0, -1);
  }

  /** True when the call succeeded for this node. */
  public boolean ok() {
    return error == null;
  }
}
