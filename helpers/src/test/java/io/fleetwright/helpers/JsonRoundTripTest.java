package io.fleetwright.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRoundTripTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void writesTheRequestWithExactlyTheGoProvisionersFiveKeys() throws Exception {
    HelperRequest request = TestHelpers.withCsr("n1", "{\"facts\":{}}", "/ssl");
    Map<?, ?> json = mapper.readValue(mapper.writeValueAsString(request), Map.class);
    assertEquals(
        List.of("identity", "csr", "ed25519_pubkey", "inventory", "jwt"),
        List.copyOf(json.keySet()));
    assertEquals(
        Map.of(
            "csr", request.csr().csr(), "public_key", request.csr().publicKey(), "ssldir", "/ssl"),
        json.get("csr"));
    assertEquals("{\"facts\":{}}", json.get("inventory"));
    assertEquals(
        request, mapper.readValue(mapper.writeValueAsString(request), HelperRequest.class));
  }

  @Test
  void writesAbsentFeaturesAsNull() throws Exception {
    assertEquals(
        "{\"identity\":\"n1\",\"csr\":null,\"ed25519_pubkey\":null,\"inventory\":\"{}\",\"jwt\":null}",
        mapper.writeValueAsString(HelperRequest.of("n1", "{}")));
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
}
