package io.fleetwright.protocol;

import io.fleetwright.protocol.internal.Fields;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A reply read off the wire by {@link ChoriaCodec#decodeReply(String, byte[])}; its hash has been
 * verified.
 *
 * @param subject the subject it arrived on, or null when unknown
 * @param headers the transport headers ({@code mc_sender} is what discovery reads)
 * @param reply the reply layer
 */
public record DecodedReply(@Nullable String subject, TransportHeaders headers, Reply reply) {

  /** Requires headers and reply. */
  public DecodedReply {
    Checks.notNull(headers, "transport.headers");
    Checks.notNull(reply, "reply");
  }

  /**
   * The reply envelope.
   *
   * @return the envelope
   */
  public ReplyEnvelope envelope() {
    return reply.envelope();
  }

  /**
   * The raw payload text ({@code pong}, or RPC reply JSON).
   *
   * @return the reply message
   */
  public String message() {
    return reply.message();
  }

  /**
   * The RPC reply in the payload.
   *
   * @return the RPC body, or empty when the payload is not an RPC reply
   */
  public Optional<RpcReply> rpc() {
    try {
      return Optional.of(requireRpc());
    } catch (ProtocolException e) {
      return Optional.empty();
    }
  }

  /**
   * The RPC reply in the payload, or a failure naming the subject and field.
   *
   * @return the RPC body
   * @throws ProtocolException when the payload is not an RPC reply
   */
  public RpcReply requireRpc() {
    return RpcBodies.reply(new Fields("reply", subject), reply.message());
  }
}
