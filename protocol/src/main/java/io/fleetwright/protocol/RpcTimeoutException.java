package io.fleetwright.protocol;

import java.time.Duration;

/**
 * No (valid) reply arrived before the deadline of a directed RPC. The message names the identity,
 * agent, action, timeout and request id.
 */
public class RpcTimeoutException extends ProtocolException {

  private static final long serialVersionUID = 1L;

  /** The node that did not answer. */
  private final String identity;

  /** The agent called. */
  private final String agent;

  /** The action called. */
  private final String action;

  /** How long the client waited. */
  private final Duration timeout;

  /**
   * Creates the exception.
   *
   * @param identity the node that did not answer
   * @param agent the agent called
   * @param action the action called
   * @param timeout how long the client waited
   * @param requestId the request id of the unanswered request
   */
  public RpcTimeoutException(
      String identity, String agent, String action, Duration timeout, String requestId) {
    super(
        "no reply from node "
            + identity
            + " to "
            + agent
            + "#"
            + action
            + " within "
            + timeout
            + " (request id "
            + requestId
            + "); check that the node is connected to NATS, in the provisioning collective, has"
            + " the "
            + agent
            + " agent and that its clock is within the request ttl");
    this.identity = identity;
    this.agent = agent;
    this.action = action;
    this.timeout = timeout;
  }

  /**
   * The identity that did not answer.
   *
   * @return the node identity
   */
  public String identity() {
    return identity;
  }

  /**
   * The agent that was called.
   *
   * @return the agent name
   */
  public String agent() {
    return agent;
  }

  /**
   * The action that was called.
   *
   * @return the action name
   */
  public String action() {
    return action;
  }

  /**
   * How long the client waited.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }
}
