package io.fleetwright.fleet.internal;

import static io.fleetwright.fleet.internal.Calls.config;
import static io.fleetwright.fleet.internal.Calls.provision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.fleet.Fault;
import io.fleetwright.fleet.NodeMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigureActionTest {
  private final FakeHost host = new FakeHost(Optional.of("s3cret"));
  private final EmulatedNode node = host.node("node1.lab.local");

  private ActionResult configure(Object... extra) {
    Object[] kv = new Object[extra.length + 2];
    kv[0] = "token";
    kv[1] = "s3cret";
    System.arraycopy(extra, 0, kv, 2, extra.length);
    return node.call(provision("configure", kv));
  }

  @Test
  void storesTheSettingsAndSaysHowManyLinesItWrote() {
    ActionResult result =
        configure("config", config("plugin.choria.server.provision", "false", "loglevel", "info"));
    assertEquals(0, result.statusCode(), result.toString());
    assertEquals(Map.of("message", "Wrote 3 lines to /etc/choria/server.conf"), result.data());
    assertEquals(
        Map.of("plugin.choria.server.provision", "false", "loglevel", "info"),
        node.configuration());
    assertEquals(1, node.configureCount());
  }

  @Test
  void publishesTheProvisionedEventBeforeReplying() {
    configure("config", config("plugin.choria.server.provision", "false"));
    assertEquals(List.of("provisioned provision_mode_server"), host.events);
  }

  @Test
  void refusesAConfigValueThatIsNotAString() {
    ActionResult result =
        configure(
            "config", "{\"plugin.choria.server.provision\":\"false\",\"registerinterval\":120}");
    assertEquals(1, result.statusCode());
    assertTrue(
        result
            .statusMsg()
            .startsWith(
                "Could not decode configuration data: config value of registerinterval must be a string"),
        result.statusMsg());
    assertEquals(Map.of(), node.configuration());
  }

  @Test
  void refusesAConfigThatIsNotAJsonObject() {
    assertTrue(configure("config", "[\"a\"]").statusMsg().contains("must be a JSON object"));
    assertTrue(configure("config", "loglevel=info").statusMsg().contains("not JSON"));
  }

  @Test
  void refusesAnEmptyConfig() {
    assertEquals(
        "Did not receive any configuration to write, cannot write a empty configuration file",
        configure("config", "").statusMsg());
  }

  @Test
  void writesAConfigThatLeavesProvisioningUndecidedAsTheRealServerDoes() {
    // go-choria v0.30.2 writes it; the node then provisions again after its restart.
    ActionResult result = configure("config", config("loglevel", "info"));
    assertEquals(0, result.statusCode(), result.toString());
    assertEquals(Map.of("message", "Wrote 2 lines to /etc/choria/server.conf"), result.data());
    assertEquals(1, node.configureCount());
  }

  @Test
  void writesALoglevelChoriaDoesNotKnowAsTheRealServerDoes() {
    ActionResult result =
        configure("config", config("plugin.choria.server.provision", "false", "loglevel", "loud"));
    assertEquals(0, result.statusCode(), result.toString());
  }

  @Test
  void refusesAConfigChoriaCouldNotParse() {
    ActionResult result = configure("config", config("plugin.choria.server.provision", "maybe"));
    assertTrue(
        result
            .statusMsg()
            .startsWith(
                "Could not write config: generated configuration could not be parsed: "
                    + "plugin.choria.server.provision must be a boolean"),
        result.statusMsg());
  }

  @Test
  void refusesAKeyWithoutTheProvisionersEcdhPublicKey() {
    ActionResult result =
        configure(
            "config",
            config("plugin.choria.server.provision", "false"),
            "key",
            "-----BEGIN RSA PRIVATE KEY-----");
    assertEquals("EDCH Public Key not supplied while providing a private key", result.statusMsg());
  }

  @Test
  void storesTlsOnlyWhenCertificateCaAndSslDirAreAllGiven() {
    configure(
        "config",
        config("plugin.choria.server.provision", "false"),
        "certificate",
        "CERT",
        "ca",
        "CA");
    assertTrue(node.certificate().isEmpty(), "no ssldir, so nothing is written");
    configure(
        "config",
        config("plugin.choria.server.provision", "false"),
        "certificate",
        "CERT",
        "ca",
        "CA",
        "ssldir",
        "/etc/choria/ssl",
        "server_jwt",
        "JWT");
    assertEquals(Optional.of("CERT"), node.certificate());
    assertEquals(Optional.of("CA"), node.ca());
    assertEquals(Optional.of("/etc/choria/ssl"), node.ssldir());
    assertEquals(Optional.of("JWT"), node.serverJwt());
  }

  @Test
  void storesPoliciesAndRefusesWrongFileNames() {
    ActionResult ok =
        configure(
            "config", config("plugin.choria.server.provision", "false"),
            "action_policies", Map.of("rpcutil.policy", "policy default allow"),
            "opa_policies", Map.of("default.rego", "package choria"));
    assertEquals(0, ok.statusCode(), ok.toString());
    assertEquals(Map.of("rpcutil.policy", "policy default allow"), node.actionPolicies());
    assertEquals(Map.of("default.rego", "package choria"), node.opaPolicies());
    ActionResult bad =
        configure(
            "config",
            config("plugin.choria.server.provision", "false"),
            "action_policies",
            Map.of("x.txt", "y"));
    assertEquals(
        "Could not save Action Policies: expected \"x.txt\" to have .policy extension",
        bad.statusMsg());
    ActionResult badRego =
        configure(
            "config",
            config("plugin.choria.server.provision", "false"),
            "opa_policies",
            Map.of("x", "y"));
    assertEquals(
        "Could not save Open Policy Agent Policies: expected \"x\" to have .rego extension",
        badRego.statusMsg());
  }

  @Test
  void vanishesAfterReplyingWhenItCrashesAfterConfigure() {
    node.setFault(Fault.CRASH_AFTER_CONFIGURE, true);
    ActionCall call =
        provision(
            "configure",
            "token",
            "s3cret",
            "config",
            config("plugin.choria.server.provision", "false"));
    ActionResult result = node.call(call);
    assertEquals(NodeMode.PROVISIONING, node.mode(), "still there until its reply went out");
    node.replied(call, result);
    assertEquals(NodeMode.GONE, node.mode());
    assertEquals("false", node.configuration().get("plugin.choria.server.provision"));
  }

  @Test
  void staysWhenAFailedConfigureWasAnswered() {
    node.setFault(Fault.CRASH_AFTER_CONFIGURE, true);
    ActionCall call = provision("configure", "token", "s3cret", "config", "");
    node.replied(call, node.call(call));
    assertFalse(node.mode() == NodeMode.GONE);
  }
}
