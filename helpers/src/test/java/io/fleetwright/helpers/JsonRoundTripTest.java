package io.fleetwright.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.api.Ed25519Result;
import io.fleetwright.api.HelperInput;
import io.fleetwright.helpers.internal.HostJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRoundTripTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void writesTheHostJsonWithExactlyTheGoProvisionersFiveKeys() throws Exception {
    HelperInput input = TestHelpers.withCsr("n1", "{\"facts\":{}}", "/ssl");
    Map<?, ?> json = mapper.readValue(HostJson.write(input), Map.class);
    assertEquals(
        List.of("identity", "csr", "ed25519_pubkey", "inventory", "jwt"),
        List.copyOf(json.keySet()));
    assertEquals(
        Map.of(
            "csr",
            input.csr().csrPem(),
            "public_key",
            input.csr().publicKeyPem(),
            "ssldir",
            "/ssl"),
        json.get("csr"));
    assertEquals("{\"facts\":{}}", json.get("inventory"));
    assertEquals(Map.of("cht", "s3cret", "purpose", "choria_provisioning"), json.get("jwt"));
  }

  @Test
  void writesAbsentFeaturesAsNull() {
    assertEquals(
        "{\"identity\":\"n1\",\"csr\":null,\"ed25519_pubkey\":null,\"inventory\":\"{}\",\"jwt\":null}",
        HostJson.writeString(new HelperInput("n1", null, null, "{}", null)));
  }

  @Test
  void writesTheEd25519KeyAsTheGoProvisionerNamesIt() {
    HelperInput input =
        new HelperInput("n1", null, new Ed25519Result("ab", "/etc/choria", "cd"), "{}", null);
    assertEquals(
        "{\"identity\":\"n1\",\"csr\":null,\"ed25519_pubkey\":{\"public_key\":\"ab\","
            + "\"directory\":\"/etc/choria\",\"signature\":\"cd\"},\"inventory\":\"{}\",\"jwt\":null}",
        HostJson.writeString(input));
  }

  @Test
  void claimsThatAreNotAnObjectAreRefusedBeforeTheHelperRuns() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HostJson.write(new HelperInput("n1", null, null, "{}", "[1]")));
    assertEquals("the verified JWT claims of n1 are not a JSON object", e.getMessage());
  }

  @Test
  void roundTripsAResponse() throws Exception {
    HelperResponse response =
        new HelperResponse(
            false,
            "ok",
            "",
            "",
            "/ssl",
            "",
            Map.of(HelperResponse.PROVISION_KEY, "false"),
            Map.of("a.policy", "allow"),
            Map.of(),
            Map.of("exp", 1),
            "0.30.2",
            false,
            true);
    String json = mapper.writeValueAsString(response);
    assertEquals(response, mapper.readValue(json, HelperResponse.class));
  }

  @Test
  void roundTripsAResponseThatAsksForApproval() throws Exception {
    HelperResponse response =
        new HelperResponse(
            false,
            "ok",
            "",
            "",
            "",
            "",
            Map.of(HelperResponse.PROVISION_KEY, "false"),
            Map.of(),
            Map.of(),
            Map.of(),
            "",
            false,
            false,
            new HelperResponse.Approval("new rack"));
    String json = mapper.writeValueAsString(response);
    assertTrue(json.contains("\"approval\":{\"reason\":\"new rack\"}"), json);
    assertEquals(response, mapper.readValue(json, HelperResponse.class));
  }
}
