package io.fleetwright.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * The {@code envelope} of a {@code choria:request:1}. The rules a receiving server enforces (its
 * schema check) are applied here, so an envelope that exists is one a server accepts.
 *
 * @param requestId exactly 32 characters ({@code requestid}); see {@link RequestIds#next()}
 * @param senderId the client's configured identity ({@code senderid}); may be empty
 * @param callerId the caller, conventionally {@code choria=<certname>} ({@code callerid})
 * @param collective the sub-collective, {@code provisioning} in provisioning mode
 * @param agent the agent that routes the message
 * @param ttl validity in seconds, at least {@value #MIN_TTL}
 * @param time creation time in Unix seconds
 * @param filter the node filter; never null
 */
@JsonPropertyOrder({
  "requestid",
  "senderid",
  "callerid",
  "collective",
  "agent",
  "ttl",
  "time",
  "filter"
})
public record RequestEnvelope(
    @JsonProperty("requestid") String requestId,
    @JsonProperty("senderid") String senderId,
    @JsonProperty("callerid") String callerId,
    String collective,
    String agent,
    long ttl,
    long time,
    Filter filter) {

  /** The smallest ttl the request schema accepts. */
  public static final long MIN_TTL = 30;

  /** The ttl Go clients use by default. */
  public static final long DEFAULT_TTL = 60;

  /** Applies the request schema's rules; a null filter becomes {@link Filter#empty()}. */
  public RequestEnvelope {
    Checks.requestId(requestId, "envelope.requestid");
    Checks.present(senderId, "envelope.senderid");
    Checks.nonEmpty(callerId, "envelope.callerid");
    Checks.nonEmpty(collective, "envelope.collective");
    Checks.nonEmpty(agent, "envelope.agent");
    if (ttl < MIN_TTL) {
      throw new ProtocolException("envelope.ttl must be at least " + MIN_TTL + ", got " + ttl);
    }
    filter = filter == null ? Filter.empty() : filter;
  }

  /**
   * A new envelope with a fresh request id and the current time.
   *
   * @param senderId the client identity
   * @param callerId the caller id
   * @param collective the collective
   * @param agent the agent
   * @param ttl the ttl in seconds
   * @param now the creation time (truncated to seconds)
   * @param filter the filter
   * @return the envelope
   */
  public static RequestEnvelope create(
      String senderId,
      String callerId,
      String collective,
      String agent,
      long ttl,
      Instant now,
      Filter filter) {
    return new RequestEnvelope(
        RequestIds.next(),
        senderId,
        callerId,
        collective,
        agent,
        ttl,
        now.getEpochSecond(),
        filter);
  }

  /**
   * A new envelope that receivers accept only before {@code validUntil}, whatever happens to the
   * sender meanwhile: {@code time} and {@code ttl} are set so that the receivers' TTL check ({@link
   * #withinTtl}) fails from that second on. A request built now but published late by a stalled
   * sender is therefore dropped, not applied.
   *
   * @param senderId the client identity
   * @param callerId the caller id
   * @param collective the collective
   * @param agent the agent
   * @param ttl the smallest ttl to use, in seconds
   * @param now the creation time
   * @param validUntil the first instant at which receivers drop the request (truncated to seconds)
   * @param filter the filter
   * @return the envelope
   * @throws ProtocolException when {@code validUntil} is not after {@code now}
   */
  public static RequestEnvelope expiringAt(
      String senderId,
      String callerId,
      String collective,
      String agent,
      long ttl,
      Instant now,
      Instant validUntil,
      Filter filter) {
    long until = validUntil.getEpochSecond();
    long seconds = now.getEpochSecond();
    if (until <= seconds) {
      throw new ProtocolException(
          "a request to agent "
              + agent
              + " had to reach its node before "
              + validUntil
              + ", and it is "
              + now
              + " already; it was not sent");
    }
    long effective = Math.max(ttl, until - seconds);
    return new RequestEnvelope(
        RequestIds.next(),
        senderId,
        callerId,
        collective,
        agent,
        effective,
        until - effective,
        filter);
  }

  /**
   * The server's TTL check: {@code now - ttl < time < now + ttl}, strictly, in seconds. This is the
   * clock-skew tolerance in both directions.
   *
   * @param now the receiver's current time
   * @return true when a server would accept the request at {@code now}
   */
  public boolean withinTtl(Instant now) {
    long seconds = now.getEpochSecond();
    return seconds - ttl < time && time < seconds + ttl;
  }
}
