package io.fleetwright.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetwright.protocol.internal.Encodings;
import io.fleetwright.protocol.internal.Fields;
import io.fleetwright.protocol.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes Choria protocol v1 messages with security off: the four nested layers
 * transport → secure request/reply → request/reply → payload. Stateless and thread-safe; share one
 * instance.
 *
 * <p>Every decoding failure is a {@link ProtocolException} whose message names the subject (when
 * given) and the field, e.g. {@code request on provisioning.node.n1: envelope.requestid must be 32
 * characters, got 12}.
 */
public final class ChoriaCodec {

  /** The default largest NATS payload accepted or produced, 1 MiB (nats-server's default). */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;

  private final String collective;
  private final int maxMessageBytes;

  /** A codec for the {@code provisioning} collective with a 1 MiB message limit. */
  public ChoriaCodec() {
    this(Subjects.PROVISIONING, DEFAULT_MAX_MESSAGE_BYTES);
  }

  /**
   * A codec with explicit settings.
   *
   * @param collective the only collective whose requests {@link #decodeRequest} accepts
   * @param maxMessageBytes the largest NATS payload encoded or decoded, at least 1024
   */
  public ChoriaCodec(String collective, int maxMessageBytes) {
    this.collective = NodeIdentity.validateToken(collective, "collective");
    if (maxMessageBytes < 1024) {
      throw new ProtocolException("maxMessageBytes must be at least 1024, got " + maxMessageBytes);
    }
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * The collective this codec accepts requests for.
   *
   * @return the collective
   */
  public String collective() {
    return collective;
  }

  /**
   * The message size limit.
   *
   * @return the largest NATS payload in bytes
   */
  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  /**
   * Encodes a request for the wire: transport {@code data} is standard padded base64 of the secure
   * request JSON, whose {@code message} is the request JSON as a JSON string, signed {@code
   * insecure}.
   *
   * @param request the request layer
   * @param headers the transport headers, normally {@link TransportHeaders#request}
   * @return the NATS payload
   * @throws ProtocolException when the result exceeds the size limit
   */
  public byte[] encodeRequest(Request request, TransportHeaders headers) {
    String requestJson = json(request);
    String secureJson = json(SecureRequest.insecure(requestJson));
    return transport(secureJson, headers, "request for agent " + request.envelope().agent());
  }

  /**
   * Encodes a reply for the wire, computing the secure reply {@code hash} over the reply JSON.
   *
   * @param reply the reply layer
   * @param headers the transport headers, normally {@link TransportHeaders#reply}
   * @return the NATS payload
   * @throws ProtocolException when the result exceeds the size limit
   */
  public byte[] encodeReply(Reply reply, TransportHeaders headers) {
    String secureJson = json(SecureReply.of(json(reply)));
    return transport(secureJson, headers, "reply from " + reply.envelope().senderId());
  }

  /**
   * Encodes the reply a server sends to a decoded request: same request id and agent, {@code
   * senderid} and {@code mc_sender} set to the server identity.
   *
   * @param request the request being answered
   * @param identity the answering server's identity
   * @param message the raw payload text, e.g. {@code pong}
   * @param now the reply time
   * @return the NATS payload, to publish on {@link DecodedRequest#replyTo()}
   */
  public byte[] encodeReply(DecodedRequest request, String identity, String message, Instant now) {
    ReplyEnvelope envelope = ReplyEnvelope.answering(request.envelope(), identity, now);
    return encodeReply(Reply.of(message, envelope), TransportHeaders.reply(identity));
  }

  /**
   * Encodes an RPC reply a server sends to a decoded request.
   *
   * @param request the request being answered
   * @param identity the answering server's identity
   * @param reply the RPC reply body
   * @param now the reply time
   * @return the NATS payload, to publish on {@link DecodedRequest#replyTo()}
   */
  public byte[] encodeRpcReply(
      DecodedRequest request, String identity, RpcReply reply, Instant now) {
    return encodeReply(request, identity, json(reply), now);
  }

  /**
   * Decodes a request without knowing its subject.
   *
   * @param natsPayload the NATS message body
   * @return the decoded request
   * @throws ProtocolException on any invalid layer or field
   */
  public DecodedRequest decodeRequest(byte[] natsPayload) {
    return decodeRequest(null, natsPayload);
  }

  /**
   * Decodes and validates a request as a receiving server does: the size limit, each layer's JSON
   * and required fields, {@code requestid} of 32 characters, {@code ttl} of at least 30, the filter
   * arrays, and the collective. The TTL window is checked separately with {@link
   * #requireWithinTtl}.
   *
   * @param subject the subject it arrived on, used in messages; may be null
   * @param natsPayload the NATS message body
   * @return the decoded request
   * @throws ProtocolException on any invalid layer or field
   */
  public DecodedRequest decodeRequest(@Nullable String subject, byte[] natsPayload) {
    Fields f = new Fields("request", subject);
    Layers.Transport transport = Layers.transport(f, natsPayload, maxMessageBytes);
    SecureRequest secure = Layers.secureRequest(f, transport.inner());
    Request request = Layers.request(f, secure.message());
    if (!collective.equals(request.envelope().collective())) {
      throw f.fail(
          "envelope.collective",
          "must be \""
              + collective
              + "\", got "
              + Checks.quote(request.envelope().collective())
              + "; servers drop requests for collectives they are not in");
    }
    return new DecodedRequest(subject, transport.headers(), request);
  }

  /**
   * Decodes a reply without knowing its subject.
   *
   * @param natsPayload the NATS message body
   * @return the decoded reply
   * @throws ProtocolException on any invalid layer or field, or a hash mismatch
   */
  public DecodedReply decodeReply(byte[] natsPayload) {
    return decodeReply(null, natsPayload);
  }

  /**
   * Decodes a reply and verifies its hash, as the Go client does.
   *
   * @param subject the subject it arrived on, used in messages; may be null
   * @param natsPayload the NATS message body
   * @return the decoded reply
   * @throws ProtocolException on any invalid layer or field, or a hash mismatch
   */
  public DecodedReply decodeReply(@Nullable String subject, byte[] natsPayload) {
    Fields f = new Fields("reply", subject);
    Layers.Transport transport = Layers.transport(f, natsPayload, maxMessageBytes);
    SecureReply secure = Layers.secureReply(f, transport.inner());
    if (!secure.hashVerifies()) {
      throw f.fail(
          "secure.hash",
          "does not match the message: got "
              + secure.hash()
              + ", SHA-256 of secure.message is "
              + SecureReply.hashOf(secure.message())
              + "; the reply was altered or hashed over escaped JSON instead of the decoded text");
    }
    return new DecodedReply(subject, transport.headers(), Layers.reply(f, secure.message()));
  }

  /**
   * Encodes a {@code file_content} registration publish as a Go server sends it: agent {@code
   * registration}, empty filter, {@code reply-to} {@code dev.null}, ttl 60, sender = the data's
   * identity. Publish it on {@link Subjects#REGISTRATION}.
   *
   * @param data the registration data
   * @param callerId the caller id of the sending server
   * @param now the publish time
   * @return the NATS payload
   */
  public byte[] encodeRegistration(RegistrationData data, String callerId, Instant now) {
    return Registrations.encode(this, data, callerId, now);
  }

  /**
   * Decodes a registration publish: the request layers, then the {@code file_content} payload; the
   * identity is the envelope's {@code senderid} (or {@code mc_sender} when that is empty).
   *
   * @param subject the subject it arrived on, used in messages; may be null
   * @param natsPayload the NATS message body
   * @return the registration data
   * @throws ProtocolException naming the subject and field when anything is malformed
   */
  public RegistrationData decodeRegistration(@Nullable String subject, byte[] natsPayload) {
    return Registrations.decode(this, subject, natsPayload);
  }

  /**
   * The server's TTL check: {@code now - ttl < time < now + ttl}, strictly, in seconds.
   *
   * @param envelope the request envelope
   * @param now the receiver's current time
   * @return true when a server would accept the request at {@code now}
   */
  public static boolean withinTtl(RequestEnvelope envelope, Instant now) {
    return envelope.withinTtl(now);
  }

  /**
   * Rejects a request outside its TTL window with a message naming the subject and field.
   *
   * @param subject the subject it arrived on; may be null
   * @param envelope the request envelope
   * @param now the receiver's current time
   * @throws ProtocolException when the request is expired or stamped too far in the future
   */
  public static void requireWithinTtl(
      @Nullable String subject, RequestEnvelope envelope, Instant now) {
    if (!envelope.withinTtl(now)) {
      long skew = envelope.time() - now.getEpochSecond();
      throw new Fields("request", subject)
          .fail(
              "envelope.time",
              envelope.time()
                  + " is outside the ttl window of "
                  + envelope.ttl()
                  + "s around now "
                  + now.getEpochSecond()
                  + " ("
                  + (skew < 0 ? -skew + "s old" : skew + "s in the future")
                  + "); the request expired or the clocks are skewed");
    }
  }

  /**
   * The JSON text of an RPC request body, as carried in the request {@code message}.
   *
   * @param rpc the body
   * @return its JSON
   */
  public String rpcRequestJson(RpcRequest rpc) {
    return json(rpc);
  }

  /**
   * The JSON text of an RPC reply body, as carried in the reply {@code message}.
   *
   * @param rpc the body
   * @return its JSON
   */
  public String rpcReplyJson(RpcReply rpc) {
    return json(rpc);
  }

  static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new ProtocolException(
          "could not encode " + value.getClass().getSimpleName() + " as JSON: " + e.getMessage(),
          e);
    }
  }

  private byte[] transport(String innerJson, TransportHeaders headers, String what) {
    String data = Encodings.encodeBase64(innerJson.getBytes(StandardCharsets.UTF_8));
    byte[] bytes = json(TransportMessage.of(data, headers)).getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxMessageBytes) {
      throw new ProtocolException(
          "could not encode "
              + what
              + ": the message is "
              + bytes.length
              + " bytes, over the limit of "
              + maxMessageBytes
              + " bytes; send less data");
    }
    return bytes;
  }
}
