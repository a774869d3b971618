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

/** The codec endpoint over a real socket: token, origins, CORS preflight, encode and decode. */
class CodecEndpointTest {
  private static final String UI = "http://127.0.0.1:8233";
  private static final String TOKEN = "t0ken-for-the-codec-endpoint";
  private final HttpClient http = HttpClient.newHttpClient();
  private CodecEndpoint endpoint;

  @BeforeEach
  void start() {
    endpoint =
        new CodecEndpoint(
            "127.0.0.1", 0, new AesGcmCodec(new byte[32], List.of()), TOKEN, List.of(UI));
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
  void anUnauthenticatedDecodeGets401AndNoPayloads() throws Exception {
    String body = "{\"payloads\":[]}";
    HttpResponse<String> none = send("/decode", body, UI, null);
    HttpResponse<String> wrong = send("/decode", body, UI, "Bearer not-the-token-at-all");
    HttpResponse<String> wrongPath = send("/not-the-token-at-all/decode", body, UI, null);
    HttpResponse<String> curl = send("/decode", body, null, null);
    for (HttpResponse<String> response : List.of(none, wrong, wrongPath, curl)) {
      assertEquals(401, response.statusCode(), response.uri() + ": " + response.body());
      assertFalse(response.body().contains("payloads\":["), response.body());
    }
    assertTrue(
        none.headers().firstValue("WWW-Authenticate").isPresent(), none.headers().toString());
    assertEquals(401, send("/encode", body, UI, null).statusCode());
  }

  @Test
  void aWrongOriginIsRefusedEvenWithTheToken() throws Exception {
    HttpResponse<String> evil =
        send("/decode", "{\"payloads\":[]}", "http://evil.example", "Bearer " + TOKEN);
    assertEquals(403, evil.statusCode(), evil.body());
    assertTrue(evil.body().contains("codec.cors_origins"), evil.body());
    assertTrue(
        evil.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        evil.headers().toString());
  }

  @Test
  void theTokenAndAUiOriginGet200AsABearerHeaderOrAsThePathTheUiCalls() throws Exception {
    String body = "{\"payloads\":[]}";
    HttpResponse<String> header = send("/decode", body, UI, "Bearer " + TOKEN);
    HttpResponse<String> path = send("/" + TOKEN + "/decode", body, UI, null);
    HttpResponse<String> cli = send("/decode", body, null, "Bearer " + TOKEN);
    for (HttpResponse<String> response : List.of(header, path, cli)) {
      assertEquals(200, response.statusCode(), response.uri() + ": " + response.body());
    }
    assertEquals(UI, path.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertEquals(404, send("/" + TOKEN + "/metrics", body, UI, null).statusCode());
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
    assertEquals(403, other.statusCode());
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
    return send(path, body, UI, "Bearer " + TOKEN);
  }

  private HttpResponse<String> send(String path, String body, String origin, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("X-Namespace", "default")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      request.header("Origin", origin);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + endpoint.port() + path);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes());
  }
}
