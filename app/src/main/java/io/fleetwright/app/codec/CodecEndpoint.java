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
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The codec endpoint the Temporal Web UI and CLI decode payloads through: {@code POST /encode} and
 * {@code POST /decode} with proto3-JSON {@code {"payloads":[...]}}, CORS for the UI's origins.
 */
public final class CodecEndpoint implements AutoCloseable {
  private static final int MAX_BODY = 8 * 1024 * 1024;

  private final HttpServer server;
  private final Set<String> origins;

  CodecEndpoint(String address, int port, PayloadCodec codec, List<String> allowedOrigins) {
    this.origins = Set.copyOf(allowedOrigins);
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
    server.createContext("/encode", exchange -> handle(exchange, codec::encode));
    server.createContext("/decode", exchange -> handle(exchange, codec::decode));
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(
      HttpExchange exchange, UnaryOperator<List<io.temporal.api.common.v1.Payload>> op)
      throws IOException {
    try (exchange) {
      cors(exchange);
      String method = exchange.getRequestMethod();
      if (method.equals("OPTIONS")) {
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      if (!method.equals("POST")) {
        respond(exchange, 405, "use POST with {\"payloads\":[...]}\n");
        return;
      }
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
  }

  /** Only the configured UI origins may read the answers, with credentials if the UI sends them. */
  private void cors(HttpExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin == null || !(origins.contains(origin) || origins.contains("*"))) {
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
