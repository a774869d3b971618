package io.fleetwright.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * The {@code envelope} of a {@code choria:reply:1}.
 *
 * @param requestId the request's id, 32 characters ({@code requestid})
 * @param senderId the answering server's identity ({@code senderid}); a Go client counts replies by
 *     it
 * @param agent the agent that answered
 * @param time the reply time in Unix seconds
 */
@JsonPropertyOrder({"requestid", "senderid", "agent", "time"})
public record ReplyEnvelope(
    @JsonProperty("requestid") String requestId,
    @JsonProperty("senderid") String senderId,
    String agent,
    long time) {

  /** Applies the reply schema's rules. */
  public ReplyEnvelope {
    Checks.requestId(requestId, "envelope.requestid");
    Checks.present(senderId, "envelope.senderid");
    Checks.nonEmpty(agent, "envelope.agent");
  }

  /**
   * The envelope of a reply to the given request.
   *
   * @param request the request being answered
   * @param senderId the answering server's identity
   * @param now the reply time (truncated to seconds)
   * @return the envelope
   */
  public static ReplyEnvelope answering(RequestEnvelope request, String senderId, Instant now) {
    return new ReplyEnvelope(request.requestId(), senderId, request.agent(), now.getEpochSecond());
  }
}
