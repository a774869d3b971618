package io.fleetwright.helpers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.CsrResult;
import io.fleetwright.api.HelperInput;
import io.fleetwright.helpers.HelperException;
import io.fleetwright.helpers.HelperResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseValidatorTest {
  private static final HelperInput NO_CSR =
      new HelperInput("node1.example.net", null, null, "{}", null);
  private static final HelperInput WITH_CSR =
      new HelperInput(
          "node1.example.net", new CsrResult("CSR", "PUB", "/etc/choria/ssl"), null, "{}", null);

  private static HelperException invalid(String json, HelperInput request) {
    HelperException e =
        assertThrows(HelperException.class, () -> ResponseValidator.parse("h.js", json, request));
    assertEquals(HelperException.Kind.INVALID_OUTPUT, e.kind(), e.getMessage());
    assertTrue(e.getMessage().startsWith("helper h.js failed: "), e.getMessage());
    return e;
  }

  private static void assertMentions(HelperException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
  }

  @Test
  void acceptsTheMinimalValidReplyAndIgnoresUnknownKeys() {
    HelperResponse r =
        ResponseValidator.parse(
            "h.js",
            "{\"defer\":false,\"msg\":\"ok\",\"extra\":[1,2],"
                + "\"configuration\":{\"plugin.choria.server.provision\":\"false\","
                + "\"loglevel\":\"info\"},\"server_claims\":{\"exp\":1700000000}}",
            NO_CSR);
    assertEquals("ok", r.msg());
    assertEquals(
        Map.of("plugin.choria.server.provision", "false", "loglevel", "info"), r.configuration());
    assertEquals(1700000000, r.serverClaims().get("exp"));
    assertTrue(!r.defer() && !r.shutdown(), r.toString());
  }

  @Test
  void treatsNullsAsAbsent() {
    HelperResponse r =
        ResponseValidator.parse(
            "h.js", "{\"defer\":true,\"msg\":null,\"configuration\":null,\"key\":null}", NO_CSR);
    assertTrue(r.defer(), r.toString());
    assertEquals("", r.msg());
    assertEquals("", r.key());
  }

  @Test
  void namesTheConfigurationKeyAndTypeOfANonStringValue() {
    HelperException e =
        invalid(
            "{\"configuration\":{\"plugin.choria.server.provision\":\"false\","
                + "\"registerinterval\":300,\"debug\":true}}",
            NO_CSR);
    assertMentions(
        e,
        "\"configuration\".\"registerinterval\" must be a string, got number 300",
        "quote it: \"registerinterval\": \"300\"",
        "\"configuration\".\"debug\" must be a string, got boolean true",
        "rejects the whole reply");
  }

  @Test
  void namesEveryFieldOfTheWrongType() {
    HelperException e =
        invalid(
            "{\"defer\":\"yes\",\"msg\":3,\"action_policies\":[],\"server_claims\":\"x\"}", NO_CSR);
    assertMentions(
        e,
        "\"defer\" must be true or false, got string \"yes\"",
        "\"msg\" must be a string, got number 3",
        "\"action_policies\" must be an object of strings, got an array",
        "\"server_claims\" must be an object, got string");
  }

  @Test
  void rejectsDeferAndShutdownTogether() {
    assertMentions(
        invalid("{\"defer\":true,\"shutdown\":true}", NO_CSR), "both \"defer\" and \"shutdown\"");
  }

  @Test
  void requiresTheProvisionFlagToBeFalseAndSaysWhy() {
    assertMentions(
        invalid("{\"configuration\":{\"loglevel\":\"info\"}}", NO_CSR),
        "plugin.choria.server.provision\": \"false\" (found no such key)",
        "loops forever");
    assertMentions(
        invalid("{\"configuration\":{\"plugin.choria.server.provision\":\"true\"}}", NO_CSR),
        "(found \"true\")");
  }

  @Test
  void doesNotRequireTheProvisionFlagWhenShuttingDown() {
    HelperResponse r =
        ResponseValidator.parse("h.js", "{\"shutdown\":true,\"msg\":\"bye\"}", NO_CSR);
    assertTrue(r.shutdown(), r.toString());
    assertEquals("bye", r.msg());
  }

  @Test
  void acceptsSignCsrOnlyWhenTheNodeSentACsrAndNoCertificateIsGiven() {
    String sign =
        "{\"sign_csr\":true,\"configuration\":{\"plugin.choria.server.provision\":\"false\"}";
    assertTrue(ResponseValidator.parse("h.js", sign + "}", WITH_CSR).signCsr());
    assertMentions(invalid(sign + "}", NO_CSR), "sent no CSR", "features.pki");
    assertMentions(
        invalid(sign + ",\"certificate\":\"PEM\"}", WITH_CSR),
        "both \"sign_csr\" and \"certificate\"");
  }

  @Test
  void rejectsEmptyNonJsonTrailingAndNonObjectOutput() {
    assertMentions(invalid("  \n", NO_CSR), "output is empty");
    assertMentions(invalid("hello", NO_CSR), "not one JSON document", "output tail: hello");
    assertMentions(invalid("{\"defer\":true} {}", NO_CSR), "not one JSON document");
    assertMentions(invalid("[1]", NO_CSR), "must be a JSON object, got an array");
    assertMentions(invalid("null", NO_CSR), "must be a JSON object, got null");
  }

  @Test
  void redactsPrivateKeysFromOutputTails() {
    HelperException e =
        invalid("-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\ngarbage", NO_CSR);
    assertTrue(!e.getMessage().contains("MIIEvQ"), e.getMessage());
    assertMentions(e, "[private key redacted]");
  }

  @Test
  void neverPrintsThePrivateKeyOfAValidReply() {
    HelperResponse r =
        ResponseValidator.parse(
            "h.js",
            "{\"key\":\"SECRETKEY\",\"configuration\":{\"plugin.choria.server.provision\":\"false\"}}",
            NO_CSR);
    assertEquals("SECRETKEY", r.key());
    assertTrue(!r.toString().contains("SECRETKEY"), r.toString());
  }

  private static final String CONFIGURES =
      "\"configuration\":{\"plugin.choria.server.provision\":\"false\"}";

  @Test
  void acceptsAnApprovalRequestThatCarriesTheConfigurationToApply() {
    HelperResponse r =
        ResponseValidator.parse(
            "h.js",
            "{\"approval\":{\"reason\":\"new rack 7\",\"extra\":1}," + CONFIGURES + "}",
            NO_CSR);
    assertEquals(new HelperResponse.Approval("new rack 7"), r.approval());
    assertEquals(Map.of(HelperResponse.PROVISION_KEY, "false"), r.configuration());
    assertTrue(r.toString().contains("approval=new rack 7"), r.toString());
  }

  @Test
  void readsARepliesWithoutApprovalAsNotAskingForIt() {
    assertEquals(
        null,
        ResponseValidator.parse("h.js", "{\"approval\":null," + CONFIGURES + "}", NO_CSR)
            .approval());
  }

  @Test
  void refusesAnApprovalWithoutAReason() {
    for (String approval : new String[] {"{}", "{\"reason\":\" \"}", "{\"reason\":7}"}) {
      assertMentions(
          invalid("{\"approval\":" + approval + "," + CONFIGURES + "}", NO_CSR),
          "\"approval\".\"reason\" must be a non-empty string",
          "e.g. \"approval\": {\"reason\":");
    }
    assertMentions(
        invalid("{\"approval\":\"please\"," + CONFIGURES + "}", NO_CSR),
        "\"approval\" must be an object, got string \"please\"");
  }

  @Test
  void refusesAnApprovalTogetherWithDeferOrShutdown() {
    assertMentions(
        invalid("{\"approval\":{\"reason\":\"x\"},\"defer\":true}", NO_CSR),
        "\"approval\" together with \"defer\"");
    assertMentions(
        invalid("{\"approval\":{\"reason\":\"x\"},\"shutdown\":true}", NO_CSR),
        "\"approval\" together with \"shutdown\"");
  }

  @Test
  void holdsAnApprovalRequestToTheRulesOfAConfiguringReply() {
    assertMentions(
        invalid("{\"approval\":{\"reason\":\"x\"},\"configuration\":{}}", NO_CSR),
        "must set \"plugin.choria.server.provision\": \"false\"");
  }
}
