package io.fleetwright.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fleetwright.api.ConfigureInput;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.SealedSecret;
import io.fleetwright.helpers.HelperResponse;
import io.fleetwright.protocol.ProvisionRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelperDecisionsTest {
  private static final Map<String, String> CONFIG =
      Map.of("plugin.choria.server.provision", "false");

  private static HelperResponse reply(boolean defer, boolean shutdown, String key) {
    return new HelperResponse(
        defer, "m", "", " ", "/ssl", key, CONFIG, Map.of(), Map.of(), Map.of(), "", shutdown, true);
  }

  @Test
  void shutdownWinsOverDeferAsInTheGoProvisioner() {
    assertInstanceOf(
        HelperDecision.Shutdown.class, HelperDecisions.of(reply(true, true, ""), "h", k -> null));
    assertEquals(
        new HelperDecision.Defer("m"), HelperDecisions.of(reply(true, false, ""), "h", k -> null));
  }

  @Test
  void aConfigureDecisionSealsTheKeyWithTheGivenSealerAndDropsBlankFields() {
    HelperDecision.Configure c =
        (HelperDecision.Configure)
            HelperDecisions.of(
                reply(false, false, "PEM"), "h", k -> new SealedSecret("sealed:" + k.length()));
    assertEquals(new SealedSecret("sealed:3"), c.key());
    assertEquals(CONFIG, c.configuration());
    assertNull(c.certificate());
    assertNull(c.ca(), "a blank ca is no ca");
    assertEquals("/ssl", c.sslDir());
    assertEquals(true, c.signCsr());
  }

  @Test
  void aHelperSuppliedChainReachesTheConfigureRequestWithEveryPemBlock() {
    String leafAndIntermediate = pem("LEAF") + pem("INTERMEDIATE");
    String intermediateAndRoot = pem("INTERMEDIATE") + pem("ROOT");
    HelperResponse reply =
        new HelperResponse(
            false,
            "m",
            leafAndIntermediate,
            intermediateAndRoot,
            "/ssl",
            "",
            CONFIG,
            Map.of(),
            Map.of(),
            Map.of(),
            "",
            false,
            false);
    HelperDecision.Configure c =
        (HelperDecision.Configure) HelperDecisions.of(reply, "h", k -> null);
    ProvisionRequest.Configure body =
        ConfigureBody.of(
            new ConfigureInput(
                "n1.example.net",
                c.configuration(),
                c.certificate(),
                c.ca(),
                c.sslDir(),
                null,
                null,
                c.actionPolicies(),
                c.opaPolicies()),
            "t");
    assertEquals(leafAndIntermediate, body.certificate());
    assertEquals(intermediateAndRoot, body.ca());
  }

  private static String pem(String body) {
    return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
  }
}
