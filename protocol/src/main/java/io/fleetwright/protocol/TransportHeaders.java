package io.fleetwright.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code headers} object of a {@code choria:transport:1} message. Null or empty values are
 * omitted when encoded, as Go does ({@code omitempty}).
 *
 * @param replyTo the subject replies go to ({@code reply-to}); requests only, null on replies
 * @param mcSender the configured identity of the sender ({@code mc_sender}); discovery reads it
 * @param seenBy hop records {@code [in, processor, out]} ({@code seen-by}); informational only
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"reply-to", "mc_sender", "seen-by"})
public record TransportHeaders(
    @JsonProperty("reply-to") @Nullable String replyTo,
    @JsonProperty("mc_sender") @Nullable String mcSender,
    @JsonProperty("seen-by") List<List<String>> seenBy) {

  /** Normalises empty strings to null and copies the hop list. */
  public TransportHeaders {
    replyTo = replyTo == null || replyTo.isEmpty() ? null : replyTo;
    mcSender = mcSender == null || mcSender.isEmpty() ? null : mcSender;
    seenBy = seenBy == null ? List.of() : seenBy.stream().map(List::copyOf).toList();
  }

  /**
   * Headers with nothing set; encodes as {@code {}}.
   *
   * @return empty headers
   */
  public static TransportHeaders none() {
    return new TransportHeaders(null, null, List.of());
  }

  /**
   * Headers of a request: where replies go and who sends it.
   *
   * @param replyTo the reply subject
   * @param sender the client identity
   * @return the headers
   */
  public static TransportHeaders request(String replyTo, String sender) {
    return new TransportHeaders(
        Checks.nonEmpty(replyTo, "headers.reply-to"),
        Checks.nonEmpty(sender, "headers.mc_sender"),
        List.of());
  }

  /**
   * Headers of a reply: who answers ({@code mc_sender}, which discovery reads), no reply-to.
   *
   * @param sender the server identity
   * @return the headers
   */
  public static TransportHeaders reply(String sender) {
    return new TransportHeaders(null, Checks.nonEmpty(sender, "headers.mc_sender"), List.of());
  }

  /**
   * These headers plus one hop record, as Go appends {@code [connectedUrl, identity, connectedUrl]}
   * on every publish.
   *
   * @param in the incoming end point, usually the connected NATS URL
   * @param processor the identity processing the message
   * @param out the outgoing end point, usually the connected NATS URL
   * @return new headers with the hop appended
   */
  public TransportHeaders withHop(String in, String processor, String out) {
    List<List<String>> hops = new ArrayList<>(seenBy);
    hops.add(List.of(in, processor, out));
    return new TransportHeaders(replyTo, mcSender, hops);
  }
}
