package io.fleetwright.app.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fleetwright.app.monitor.HttpReplies;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The codec endpoint the Temporal Web UI and CLI decode payloads through: {@code POST /encode} and
 * {@code POST /decode} with proto3-JSON {@code {"payloads":[...]}}, for callers that show the token
 * (401 otherwise) from the UI's origins (403 for another origin); see {@link EndpointGate}.
 */
public final class CodecEndpoint implements AutoCloseable {
  private static final int MAX_BODY = 8 * 1024 * 1024;

  private final HttpServer server;
  private final EndpointGate gate;

  CodecEndpoint(
      String address, int port, PayloadCodec codec, String token, List<String> allowedOrigins) {
    this.gate = new EndpointGate(token, allowedOrigins);
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not listen on "
              + address
              + ":"
              + port
              + " for the codec endpoint; choose a free codec.endpoint_port or set it to 0",
          e);
    }
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            switch (gate.check(exchange)) {
              case EndpointGate.Refused r -> refuse(exchange, r);
              case EndpointGate.Preflight p -> preflight(exchange);
              case EndpointGate.Allowed a ->
                  handle(exchange, a.operation().equals("encode") ? codec::encode : codec::decode);
            }
          }
        });
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void refuse(HttpExchange exchange, EndpointGate.Refused refused) throws IOException {
    cors(exchange); // a UI origin may read why it was refused
    if (refused.status() == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"fleetwright codec\"");
    }
    respond(exchange, refused.status(), refused.reason() + "\n");
  }

  private void preflight(HttpExchange exchange) throws IOException {
    cors(exchange);
    exchange.sendResponseHeaders(204, -1);
  }

  private void handle(
      HttpExchange exchange, UnaryOperator<List<io.temporal.api.common.v1.Payload>> op)
      throws IOException {
    cors(exchange);
    Payloads.Builder in = Payloads.newBuilder();
    try (InputStream body = exchange.getRequestBody()) {
      byte[] bytes = body.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        respond(exchange, 413, "the body is larger than " + MAX_BODY + " bytes\n");
        return;
      }
      JsonFormat.parser()
          .ignoringUnknownFields()
          .merge(new String(bytes, StandardCharsets.UTF_8), in);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      respond(
          exchange,
          400,
          "the body is not proto3 JSON {\"payloads\":[...]}: " + e.getMessage() + "\n");
      return;
    }
    String out;
    try {
      out =
          JsonFormat.printer()
              .print(Payloads.newBuilder().addAllPayloads(op.apply(in.getPayloadsList())));
    } catch (PayloadCodecException e) {
      respond(exchange, 400, e.getMessage() + "\n");
      return;
    }
    HttpReplies.send(exchange, 200, "application/json", out);
  }

  /** Only the configured UI origins may read the answers, with credentials if the UI sends them. */
  private void cors(HttpExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin == null || !gate.originAllowed(origin)) {
      return;
    }
    var headers = exchange.getResponseHeaders();
    headers.set("Access-Control-Allow-Origin", origin);
    headers.set("Vary", "Origin");
    headers.set("Access-Control-Allow-Credentials", "true");
    headers.set("Access-Control-Allow-Methods", "POST, OPTIONS");
    headers.set(
        "Access-Control-Allow-Headers", "Content-Type, X-Namespace, Authorization, Caller-Type");
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    HttpReplies.send(exchange, status, "text/plain; charset=utf-8", text);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
