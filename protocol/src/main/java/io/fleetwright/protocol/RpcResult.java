package io.fleetwright.protocol;

import java.util.Map;

/**
 * One node's answer to an RPC.
 *
 * @param identity the answering node ({@code envelope.senderid} of the reply)
 * @param requestId the request id the reply answers
 * @param reply the RPC reply body
 */
public record RpcResult(String identity, String requestId, RpcReply reply) {

  /** Requires every field. */
  public RpcResult {
    Checks.nonEmpty(identity, "identity");
    Checks.requestId(requestId, "requestid");
    Checks.notNull(reply, "reply");
  }

  /**
   * Whether the node reported success.
   *
   * @return true when {@code statuscode} is 0
   */
  public boolean ok() {
    return reply.ok();
  }

  /**
   * The reply status.
   *
   * @return the status
   */
  public StatusCode status() {
    return reply.status();
  }

  /**
   * The reply outputs.
   *
   * @return the {@code data} object, {@code {}} when empty
   */
  public Map<String, Object> data() {
    return reply.data();
  }
}
