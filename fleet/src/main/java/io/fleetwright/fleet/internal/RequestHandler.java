package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.Fault;
import io.fleetwright.protocol.ChoriaCodec;
import io.fleetwright.protocol.DecodedRequest;
import io.fleetwright.protocol.FactFilter;
import io.fleetwright.protocol.Filter;
import io.fleetwright.protocol.ProtocolException;
import io.fleetwright.protocol.Reply;
import io.fleetwright.protocol.ReplyEnvelope;
import io.fleetwright.protocol.RequestEnvelope;
import io.fleetwright.protocol.Requests;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcRequest;
import io.fleetwright.protocol.TransportHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one incoming NATS message as the Go server's processor does: decode and validate once,
 * drop (with a WARN naming subject and field) anything malformed, expired, oversized or for another
 * collective; then for each node behind the subject evaluate the filter, run the agent and publish
 * the reply to the request's {@code reply-to}, applying the node's reply faults.
 */
final class RequestHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

  private final Clock clock;
  private final int maxRequestBytes;
  private final Executor executor;
  private final Map<String, ChoriaCodec> codecs = new ConcurrentHashMap<>();

  RequestHandler(Clock clock, int maxRequestBytes, Executor executor) {
    this.clock = clock;
    this.maxRequestBytes = maxRequestBytes;
    this.executor = executor;
  }

  ChoriaCodec codec(String collective) {
    return codecs.computeIfAbsent(collective, c -> new ChoriaCodec(c, maxRequestBytes));
  }

  void handle(Wire link, String subject, byte[] data) {
    Optional<DecodedRequest> decoded = decode(subject, data);
    if (decoded.isEmpty()) {
      return;
    }
    DecodedRequest request = decoded.get();
    if (!request.envelope().filter().compound().isEmpty()) {
      LOG.info(
          "Request {} on {} has a compound filter; the fleet ignores compound filters",
          request.envelope().requestId(),
          subject);
    }
    List<EmulatedNode> nodes = List.copyOf(link.routes(subject));
    if (nodes.size() == 1) {
      serve(link, nodes.get(0), request);
      return;
    }
    for (EmulatedNode node : nodes) {
      try {
        executor.execute(() -> serve(link, node, request));
      } catch (RejectedExecutionException e) {
        return;
      }
    }
  }

  private Optional<DecodedRequest> decode(String subject, byte[] data) {
    if (data.length > maxRequestBytes) {
      LOG.warn(
          "Dropped a request on {}: the message is {} bytes, over the fleet's limit of {} bytes"
              + " (maxRequestBytes)",
          subject,
          data.length,
          maxRequestBytes);
      return Optional.empty();
    }
    int dot = subject.indexOf('.');
    try {
      DecodedRequest request = codec(subject.substring(0, dot)).decodeRequest(subject, data);
      ChoriaCodec.requireWithinTtl(subject, request.envelope(), clock.instant());
      return Optional.of(request);
    } catch (ProtocolException e) {
      LOG.warn("Dropped a request: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private void serve(Wire link, EmulatedNode node, DecodedRequest request) {
    RequestEnvelope envelope = request.envelope();
    if (!node.alive()
        || !node.collectives().contains(envelope.collective())
        || !matches(envelope.filter(), node)
        || !node.agents().contains(envelope.agent())) {
      return;
    }
    if (Requests.DISCOVERY_AGENT.equals(envelope.agent())) {
      Optional<String> pong = node.discovery(request.payload());
      if (pong.isEmpty()) {
        LOG.debug(
            "{}: discovery request {} did not contain ping", node.identity(), envelope.requestId());
        return;
      }
      reply(link, node, request, pong.get(), null, null);
      return;
    }
    ActionCall call;
    ActionResult result;
    try {
      RpcRequest rpc = request.requireRpc();
      call =
          new ActionCall(
              envelope.agent(),
              rpc.action(),
              rpc.data(),
              envelope.requestId(),
              envelope.senderId(),
              envelope.callerId());
      result = node.call(call);
    } catch (ProtocolException e) {
      call = null;
      result = ActionResult.invalidData("Could not process request: " + e.getMessage());
    }
    RpcReply rpcReply =
        new RpcReply(
            call == null ? "" : call.action(),
            result.statusCode(),
            result.statusMsg(),
            result.data());
    reply(link, node, request, codec(envelope.collective()).rpcReplyJson(rpcReply), call, result);
  }

  private static boolean matches(Filter filter, EmulatedNode node) {
    if (!FilterMatcher.identityMatches(filter.identity(), node.identity())
        || !FilterMatcher.allPresent(filter.agent(), node.agents())
        || !FilterMatcher.allPresent(filter.cfClass(), List.of())) {
      return false;
    }
    if (filter.fact().isEmpty()) {
      return true;
    }
    List<FilterMatcher.FactTerm> terms = filter.fact().stream().map(RequestHandler::term).toList();
    return FilterMatcher.factsMatch(terms, node.facts());
  }

  private static FilterMatcher.FactTerm term(FactFilter f) {
    return new FilterMatcher.FactTerm(f.fact(), f.operator(), f.value());
  }

  private void reply(
      Wire link,
      EmulatedNode node,
      DecodedRequest request,
      String message,
      ActionCall call,
      ActionResult result) {
    Optional<String> replyTo = request.replyTo();
    NodeFaults faults = node.nodeFaults();
    try {
      if (replyTo.isEmpty()) {
        LOG.warn(
            "{}: request {} on {} has no reply-to header (headers.reply-to); not replying",
            node.identity(),
            request.envelope().requestId(),
            request.subject());
        return;
      }
      if (faults.has(Fault.DROP_REPLIES)) {
        return;
      }
      node.inspectOutgoing(message);
      byte[] body = encode(link, node, request, message);
      if (faults.has(Fault.MALFORMED_REPLIES)) {
        body = malformed(body);
      }
      if (faults.has(Fault.SLOW_REPLIES) && !faults.slowDelay().isZero()) {
        Thread.sleep(faults.slowDelay());
      }
      if (call != null
          && call.agent().equals(ProvisionAgent.AGENT)
          && call.action().equals("configure")
          && faults.has(Fault.SLOW_CONFIGURE_REPLY)) {
        Thread.sleep(faults.delay(Fault.SLOW_CONFIGURE_REPLY));
      }
      link.publish(replyTo.get(), body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ProtocolException e) {
      LOG.warn(
          "{}: could not encode the reply to {}: {}",
          node.identity(),
          request.envelope().requestId(),
          e.getMessage());
    } finally {
      if (call != null) {
        node.replied(call, result);
      }
    }
  }

  private byte[] encode(Wire link, EmulatedNode node, DecodedRequest request, String message) {
    String url = link.connectedUrl();
    TransportHeaders headers =
        TransportHeaders.reply(node.identity()).withHop(url, node.identity(), url);
    ReplyEnvelope envelope =
        ReplyEnvelope.answering(request.envelope(), node.identity(), clock.instant());
    return codec(request.envelope().collective()).encodeReply(Reply.of(message, envelope), headers);
  }

  /** A reply a client cannot read: the transport JSON cut short, then garbage. */
  private static byte[] malformed(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return (text.substring(0, text.length() / 2) + "\u0000not-json")
        .getBytes(StandardCharsets.UTF_8);
  }
}
