package io.fleetwright.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.protocol.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The typed {@code choria_provision} bodies against WIRE.md §5.3 and the Go decoding rules. */
class ProvisionBodiesTest {
  private static final String CONFIG =
      "{\"loglevel\":\"info\",\"plugin.choria.server.provision\":\"false\"}";

  @Test
  void configureSendsEveryInputAsWireMdShowsIt() throws Exception {
    ProvisionRequest.Configure configure =
        new ProvisionRequest.Configure(
            "s3cret", CONFIG, null, null, null, null, null, null, Map.of(), Map.of());

    assertEquals(wireMdExample("choria_provision#configure"), dataJson(configure));
  }

  @Test
  void restartAndTheKeyActionsSendWhatTheGoProvisionerSends() throws Exception {
    assertEquals(
        "{\"splay\":1,\"token\":\"s3cret\"}", dataJson(new ProvisionRequest.Restart("s3cret", 1)));
    assertEquals(
        "{\"cn\":\"n1.example.net\",\"token\":\"s3cret\"}",
        dataJson(ProvisionRequest.Gencsr.forName("s3cret", "n1.example.net")));
    assertEquals(
        "{\"nonce\":\"abc\",\"token\":\"s3cret\"}",
        dataJson(new ProvisionRequest.Gen25519("s3cret", "abc")));
    assertEquals("{\"token\":\"s3cret\"}", dataJson(new ProvisionRequest.Jwt("s3cret")));
    assertEquals("{\"token\":\"s3cret\"}", dataJson(new ProvisionRequest.Shutdown("s3cret")));
  }

  @Test
  void everyRequestReadsBackAsItWasWritten() {
    Map<String, String> policies = new LinkedHashMap<>();
    policies.put("b.policy", "allow");
    policies.put("a.policy", "deny");
    List<ProvisionRequest> requests =
        List.of(
            new ProvisionRequest.Jwt("t"),
            new ProvisionRequest.Gen25519("t", "nonce"),
            new ProvisionRequest.Gencsr("t", "n1", "DE", "Berlin", "Acme", "Ops", "BE"),
            new ProvisionRequest.Configure(
                "t", CONFIG, "k", "cert", "ca", "/ssl", "ab", "jwt", policies, Map.of()),
            new ProvisionRequest.Restart("t", 3),
            new ProvisionRequest.Reprovision("t"),
            new ProvisionRequest.Shutdown("t"),
            new ProvisionRequest.ReleaseUpdate("t", "http://repo", "0.31.0"));
    for (ProvisionRequest request : requests) {
      assertEquals(request, readBack(request), request.action());
    }
    ProvisionRequest.Configure read =
        ProvisionRequest.Configure.from(((ProvisionRequest.Configure) requests.get(3)).data());
    assertEquals(List.of("b.policy", "a.policy"), List.copyOf(read.actionPolicies().keySet()));
  }

  @Test
  void aMissingInputIsItsZeroValueAndAWrongTypeNamesTheField() {
    assertEquals(new ProvisionRequest.Restart("", 0), ProvisionRequest.Restart.from(Map.of()));

    InvalidDataException floatSplay =
        assertThrows(
            InvalidDataException.class,
            () -> ProvisionRequest.Restart.from(Map.of("token", "t", "splay", 1.5)));
    assertEquals("splay", floatSplay.field());
    assertEquals("field splay must be a int, got number 1.5", floatSplay.getMessage());

    InvalidDataException policy =
        assertThrows(
            InvalidDataException.class,
            () ->
                ProvisionRequest.Configure.from(Map.of("action_policies", Map.of("a.policy", 5))));
    assertEquals("action_policies.a.policy", policy.field());
  }

  @Test
  void repliesKeepTheRealAgentsFieldOrder() {
    assertEquals(
        List.of("jwt", "ecdh_public"),
        List.copyOf(new ProvisionReply.Jwt("j", "e").data().keySet()));
    assertEquals(
        List.of("public_key", "directory", "signature"),
        List.copyOf(new ProvisionReply.Gen25519("p", "d", "s").data().keySet()));
    assertEquals(
        List.of("csr", "public_key", "ssldir"),
        List.copyOf(new ProvisionReply.Gencsr("c", "p", "s").data().keySet()));
    assertEquals(Map.of("message", "m"), new ProvisionReply.Message("m").data());
  }

  @Test
  void aReplyWithoutARequiredOutputNamesIt() {
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class, () -> ProvisionReply.Jwt.from(Map.of("jwt", "a.b.c")));
    assertEquals("ecdh_public", e.field());
    assertEquals("has no string 'ecdh_public'", e.getMessage());
    assertEquals(
        new ProvisionReply.Gencsr("csr", "", "7"),
        ProvisionReply.Gencsr.from(Map.of("csr", "csr", "ssldir", 7)));
    assertEquals("", ProvisionReply.Message.from(Map.of()).message());
  }

  private static ProvisionRequest readBack(ProvisionRequest request) {
    Map<String, Object> data = request.data();
    return switch (request) {
      case ProvisionRequest.Jwt j -> ProvisionRequest.Jwt.from(data);
      case ProvisionRequest.Gen25519 g -> ProvisionRequest.Gen25519.from(data);
      case ProvisionRequest.Gencsr g -> ProvisionRequest.Gencsr.from(data);
      case ProvisionRequest.Configure c -> ProvisionRequest.Configure.from(data);
      case ProvisionRequest.Restart r -> ProvisionRequest.Restart.from(data);
      case ProvisionRequest.Reprovision r -> ProvisionRequest.Reprovision.from(data);
      case ProvisionRequest.Shutdown s -> ProvisionRequest.Shutdown.from(data);
      case ProvisionRequest.ReleaseUpdate u -> ProvisionRequest.ReleaseUpdate.from(data);
    };
  }

  /** The data as the request layer writes it: keys sorted, Go's escaping. */
  private static String dataJson(ProvisionRequest request) throws Exception {
    RpcRequest rpc = new RpcRequest(ProvisionRequest.AGENT, request.action(), request.data());
    return Json.mapper().writeValueAsString(rpc.data());
  }

  /** The body WIRE.md §5.3 shows after {@code name} "with every input present, e.g.". */
  private static String wireMdExample(String name) {
    String wire = new String(SharedDocs.read("WIRE.md"), StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile(Pattern.quote("`" + name + "`") + "[^`]*`(\\{[^`]*\\})`").matcher(wire);
    assertTrue(m.find(), "WIRE.md has no example body after `" + name + "`");
    return m.group(1);
  }
}
