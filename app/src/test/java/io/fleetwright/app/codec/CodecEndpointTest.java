package io.fleetwright.app.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CodecEndpointTest {
  private static final String UI = "http://127.0.0.1:8233";
  private final HttpClient http = HttpClient.newHttpClient();
  private CodecEndpoint endpoint;

  @BeforeEach
  void start() {
    endpoint =
        new CodecEndpoint("127.0.0.1", 0, new AesGcmCodec(new byte[32], List.of()), List.of(UI));
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void encodeThenDecodeRoundTripsOverASocket() throws Exception {
    String data = Base64.getEncoder().encodeToString("\"s3cret-value\"".getBytes());
    String body =
        "{\"payloads\":[{\"metadata\":{\"encoding\":\""
            + b64("json/plain")
            + "\"},\"data\":\""
            + data
            + "\"}]}";

    HttpResponse<String> encoded = post("/encode", body);
    assertEquals(200, encoded.statusCode(), encoded.body());
    assertFalse(encoded.body().contains(data), encoded.body());
    assertTrue(encoded.body().contains(b64(AesGcmCodec.ENCODING)), encoded.body());
    assertEquals(UI, encoded.headers().firstValue("Access-Control-Allow-Origin").orElse(""));

    HttpResponse<String> decoded = post("/decode", encoded.body());
    assertEquals(200, decoded.statusCode(), decoded.body());
    assertTrue(decoded.body().contains(data), decoded.body());
  }

  @Test
  void badJsonGets400WithAMessage() throws Exception {
    HttpResponse<String> response = post("/decode", "{not json");
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(response.body().contains("payloads"), response.body());
  }

  @Test
  void answersTheCorsPreflightOnlyForTheUiOrigin() throws Exception {
    HttpResponse<String> allowed = preflight(UI);
    HttpResponse<String> other = preflight("http://evil.example");
    assertEquals(204, allowed.statusCode());
    assertEquals(UI, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertTrue(
        allowed
            .headers()
            .firstValue("Access-Control-Allow-Headers")
            .orElse("")
            .contains("X-Namespace"),
        allowed.headers().toString());
    assertTrue(
        other.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        other.headers().toString());
  }

  private HttpResponse<String> preflight(String origin) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/decode"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Origin", UI)
            .header("Content-Type", "application/json")
            .header("X-Namespace", "default")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + endpoint.port() + path);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes());
  }
}
