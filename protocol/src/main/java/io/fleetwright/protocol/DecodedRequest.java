package io.fleetwright.protocol;

import io.fleetwright.protocol.internal.Encodings;
import io.fleetwright.protocol.internal.Fields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A request read off the wire by {@link ChoriaCodec#decodeRequest(String, byte[])}.
 *
 * @param subject the subject it arrived on, or null when unknown
 * @param headers the transport headers (reply-to, sender, hops)
 * @param request the request layer
 */
public record DecodedRequest(@Nullable String subject, TransportHeaders headers, Request request) {

  /** Requires headers and request. */
  public DecodedRequest {
    Checks.notNull(headers, "transport.headers");
    Checks.notNull(request, "request");
  }

  /**
   * The request envelope.
   *
   * @return the envelope
   */
  public RequestEnvelope envelope() {
    return request.envelope();
  }

  /**
   * The payload bytes as a Go server sees them: the request {@code message} with carriage returns
   * and line feeds removed is tried as strict standard base64; if it decodes, the decoded bytes,
   * otherwise the raw text. So {@code cGluZw==} gives {@code ping}, and RPC JSON stays as it is.
   *
   * @return a fresh copy of the payload bytes
   */
  public byte[] payload() {
    String message = request.message();
    return Encodings.tryDecodeBase64(message)
        .orElseGet(() -> message.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The payload as UTF-8 text.
   *
   * @return the text of {@link #payload()}
   */
  public String payloadText() {
    return new String(payload(), StandardCharsets.UTF_8);
  }

  /**
   * The RPC request in the payload.
   *
   * @return the RPC body, or empty when the payload is not an RPC request (e.g. a discovery ping)
   */
  public Optional<RpcRequest> rpc() {
    try {
      return Optional.of(requireRpc());
    } catch (ProtocolException e) {
      return Optional.empty();
    }
  }

  /**
   * The RPC request in the payload, or a failure naming the subject and field; a server answers
   * such a request with {@link StatusCode#INVALID_DATA}.
   *
   * @return the RPC body
   * @throws ProtocolException when the payload is not an RPC request
   */
  public RpcRequest requireRpc() {
    return RpcBodies.request(new Fields("request", subject), payload(), envelope().agent());
  }

  /**
   * Where the reply goes, from the transport header (never the NATS reply field).
   *
   * @return the reply subject, or empty when the request has none
   */
  public Optional<String> replyTo() {
    return Optional.ofNullable(headers.replyTo());
  }

  /**
   * The server's TTL check, see {@link RequestEnvelope#withinTtl(Instant)}.
   *
   * @param now the receiver's current time
   * @return true when the request is still valid
   */
  public boolean withinTtl(Instant now) {
    return envelope().withinTtl(now);
  }
}
