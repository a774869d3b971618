package io.fleetwright.it;

import io.fleetwright.protocol.ChoriaCodec;
import io.fleetwright.protocol.DecodedRequest;
import io.fleetwright.protocol.RpcReply;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A fake node in provisioning mode that answers every request wrongly, in one of a few ways, to
 * check that the provisioner drops such replies with a clear warning.
 */
final class RogueNode implements AutoCloseable {
  /** How the node misbehaves. */
  enum Mode {
    /** Answers, but signs the reply as another identity. */
    WRONG_SENDER,
    /** Answers on a reply subject whose request id is not the envelope's. */
    MISMATCHED_REQUEST_ID,
    /** Answers correctly, then replays the same reply. */
    REPLAYED_REPLY
  }

  private final Connection connection;
  private final ChoriaCodec codec = new ChoriaCodec();

  RogueNode(String natsUrl, String identity, Mode mode) throws Exception {
    connection = Nats.connect(natsUrl);
    connection
        .createDispatcher(
            message -> {
              DecodedRequest request = codec.decodeRequest(message.getSubject(), message.getData());
              String replyTo = request.replyTo().orElseThrow();
              String action = request.requireRpc().action();
              byte[] reply =
                  codec.encodeRpcReply(
                      request,
                      mode == Mode.WRONG_SENDER ? "impostor.chaos.test" : identity,
                      RpcReply.ok(action, inventory(identity)),
                      Instant.now());
              switch (mode) {
                case WRONG_SENDER -> connection.publish(replyTo, reply);
                case MISMATCHED_REQUEST_ID ->
                    connection.publish(
                        replyTo.substring(0, replyTo.lastIndexOf('.') + 1) + "0".repeat(32), reply);
                case REPLAYED_REPLY -> {
                  connection.publish(replyTo, reply);
                  connection.publish(replyTo, reply);
                }
              }
            })
        .subscribe("provisioning.node." + identity);
    connection.flush(java.time.Duration.ofSeconds(5));
  }

  private static Map<String, Object> inventory(String identity) {
    return Map.of(
        "agents",
        List.of("choria_provision", "rpcutil"),
        "collectives",
        List.of("provisioning"),
        "facts",
        Map.of("rogue", identity),
        "main_collective",
        "provisioning",
        "version",
        "0.29.4",
        "upgradable",
        false);
  }

  @Override
  public void close() throws InterruptedException {
    connection.close();
  }
}
