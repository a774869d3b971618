package io.fleetwright.protocol;

import java.time.Instant;

/** Builders of the request layers a Go client sends: RPC requests and discovery pings. */
public final class Requests {

  /**
   * The discovery payload: base64 of {@code ping}. A raw {@code ping} is itself valid base64 and
   * decodes to garbage on the server, which then stays silent.
   */
  public static final String PING = "cGluZw==";

  /** The raw discovery answer. */
  public static final String PONG = "pong";

  /** The agent that answers pings. */
  public static final String DISCOVERY_AGENT = "discovery";

  private Requests() {}

  /**
   * An RPC request with a fresh request id.
   *
   * @param senderId the client identity
   * @param callerId the caller id
   * @param collective the collective
   * @param rpc the RPC body; its agent routes the request
   * @param filter the filter; directed requests use {@link Filter#agent(String)}
   * @param ttl the ttl in seconds
   * @param now the creation time
   * @return the request layer
   */
  public static Request rpc(
      String senderId,
      String callerId,
      String collective,
      RpcRequest rpc,
      Filter filter,
      long ttl,
      Instant now) {
    RequestEnvelope envelope =
        RequestEnvelope.create(senderId, callerId, collective, rpc.agent(), ttl, now, filter);
    return Request.of(ChoriaCodec.json(rpc), envelope);
  }

  /**
   * An RPC request that receivers drop from {@code validUntil} on (see {@link
   * RequestEnvelope#expiringAt}).
   *
   * @param senderId the client identity
   * @param callerId the caller id
   * @param collective the collective
   * @param rpc the agent, action and data
   * @param filter the filter
   * @param ttl the smallest ttl in seconds
   * @param now the creation time
   * @param validUntil when receivers start dropping it
   * @return the request layer
   */
  public static Request rpcExpiringAt(
      String senderId,
      String callerId,
      String collective,
      RpcRequest rpc,
      Filter filter,
      long ttl,
      Instant now,
      Instant validUntil) {
    RequestEnvelope envelope =
        RequestEnvelope.expiringAt(
            senderId, callerId, collective, rpc.agent(), ttl, now, validUntil, filter);
    return Request.of(ChoriaCodec.json(rpc), envelope);
  }

  /**
   * A discovery ping with a fresh request id: agent {@code discovery}, payload {@value #PING}.
   *
   * @param senderId the client identity
   * @param callerId the caller id
   * @param collective the collective
   * @param filter the filter; the Go provisioner uses {@code Filter.agent("choria_provision")}
   * @param ttl the ttl in seconds
   * @param now the creation time
   * @return the request layer
   */
  public static Request discovery(
      String senderId, String callerId, String collective, Filter filter, long ttl, Instant now) {
    RequestEnvelope envelope =
        RequestEnvelope.create(senderId, callerId, collective, DISCOVERY_AGENT, ttl, now, filter);
    return Request.of(PING, envelope);
  }
}
