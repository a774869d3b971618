package io.fleetwright.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.ConfigureInput;
import io.fleetwright.api.EncryptedKey;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.InventoryResult;
import io.fleetwright.api.JwtResult;
import io.fleetwright.api.NodeReads;
import io.fleetwright.credentials.SecretSealer;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcTimeoutException;
import io.fleetwright.protocol.StatusCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class NodeRpcActivitiesImplTest {
  record Call(String identity, String agent, String action, Map<String, Object> data) {}

  private final List<Call> calls = new ArrayList<>();
  private final SecretSealer sealer = SecretSealer.derivedFrom("s3cret");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private NodeRpcActivitiesImpl answering(RpcReply reply) {
    return new NodeRpcActivitiesImpl(
        (identity, agent, action, data, timeout) -> {
          calls.add(new Call(identity, agent, action, data));
          return reply;
        },
        "s3cret",
        sealer,
        new ActivityMetrics(registry, "lab"));
  }

  @Test
  void everyProvisionCallCarriesTheToken() {
    answering(RpcReply.ok("restart", Map.of("message", "Restarting after 2s"))).restart("n1");
    assertEquals("s3cret", calls.get(0).data().get("token"));
    assertEquals(1, calls.get(0).data().get("splay"));
    assertEquals("choria_provision", calls.get(0).agent());
  }

  @Test
  void configureSendsEveryInputAsTheGoProvisionerDoes() {
    answering(RpcReply.ok("configure", Map.of("message", "Wrote 3 lines")))
        .configure(
            new ConfigureInput(
                "n1",
                Map.of("b", "2", "a", "1"),
                null,
                null,
                null,
                new EncryptedKey("PEM", "abcd"),
                null,
                Map.of(),
                Map.of()));
    Map<String, Object> data = calls.get(0).data();
    assertEquals(
        List.of(
            "config",
            "certificate",
            "ca",
            "ssldir",
            "key",
            "ecdh_public",
            "server_jwt",
            "action_policies",
            "opa_policies",
            "token"),
        List.copyOf(data.keySet()));
    assertEquals("{\"a\":\"1\",\"b\":\"2\"}", data.get("config"));
    assertEquals("abcd", data.get("ecdh_public"));
    assertEquals("", data.get("certificate"));
  }

  @Test
  void theNodesJwtIsSealedBeforeItReachesHistory() {
    JwtResult result =
        answering(RpcReply.ok("jwt", Map.of("jwt", "aaa.bbb.ccc", "ecdh_public", "ff")))
            .fetchJwt("n1");
    assertFalse(result.jwt().ciphertext().contains("aaa.bbb.ccc"), result.jwt().ciphertext());
    assertEquals("aaa.bbb.ccc", sealer.open(result.jwt().ciphertext()));
  }

  @Test
  void inventoryIsReserialisedWithSortedKeys() {
    InventoryResult inventory =
        answering(
                RpcReply.ok(
                    "inventory",
                    Map.of(
                        "version",
                        "0.30.2",
                        "agents",
                        List.of("rpcutil"),
                        "facts",
                        Map.of("country", "nl"),
                        "upgradable",
                        false)))
            .fetchInventory("n1");
    assertEquals(
        "{\"agents\":[\"rpcutil\"],\"facts\":{\"country\":\"nl\"},\"upgradable\":false,"
            + "\"version\":\"0.30.2\"}",
        inventory.inventoryJson());
    assertEquals("nl", inventory.facts().get("country"));
    assertEquals("rpcutil", calls.get(0).agent());
    assertFalse(calls.get(0).data().containsKey("token"), "rpcutil gets no token");
  }

  private ApplicationFailure refusal(String message) {
    return assertThrows(
        ApplicationFailure.class,
        () -> answering(RpcReply.error("configure", StatusCode.ABORTED, message)).restart("n1"));
  }

  @Test
  void refusalsMapToFailureTypes() {
    ApplicationFailure locked = refusal("Could not obtain provisioning lock");
    assertEquals(FailureTypes.NODE_LOCKED, locked.getType());
    assertFalse(locked.isNonRetryable());
    assertEquals(Duration.ofSeconds(30), locked.getNextRetryDelay());
    ApplicationFailure token = refusal("Incorrect provision token supplied");
    assertEquals(FailureTypes.TOKEN_REJECTED, token.getType());
    assertTrue(token.isNonRetryable());
    ApplicationFailure other = refusal("Configuration file is not writable");
    assertEquals(FailureTypes.RPC_ABORTED, other.getType());
    assertTrue(
        other.getOriginalMessage().contains("Configuration file is not writable"),
        other.getOriginalMessage());
  }

  @Test
  void aTimeoutIsRetryableAndCounted() {
    NodeRpcActivitiesImpl rpc =
        new NodeRpcActivitiesImpl(
            (identity, agent, action, data, timeout) -> {
              throw new RpcTimeoutException(
                  identity, agent, action, timeout, "0123456789abcdef0123456789abcdef");
            },
            "s3cret",
            sealer,
            new ActivityMetrics(registry, "lab"));
    ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> rpc.fetchInventory("n1"));
    assertEquals(FailureTypes.RPC_TIMEOUT, f.getType());
    assertFalse(f.isNonRetryable());
    assertEquals(
        1.0,
        registry.get("choria_provisioner_rpc_errors").tag("reason", "timeout").counter().count());
  }

  @Test
  void aReplyWithoutARequiredFieldIsNamed() {
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> answering(RpcReply.ok("gencsr", Map.of("ssldir", "/x"))).requestCsr("n1"));
    assertTrue(f.getOriginalMessage().contains("'csr'"), f.getOriginalMessage());
  }

  @Test
  void aCheckedCsrThatFailsTheCsrChecksFailsTheActivityForGood() {
    RpcReply reply =
        RpcReply.ok("gencsr", Map.of("csr", "hello", "public_key", "k", "ssldir", "/x"));
    assertEquals("hello", answering(reply).requestCsr("n1").csrPem());
    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> answering(reply).requestCheckedCsr("n1"));
    assertEquals(FailureTypes.CSR_INVALID, f.getType());
    assertTrue(f.isNonRetryable());
    assertEquals(2, calls.size());
  }

  @Test
  void foldedReadsAskForInventoryThenTheCsrAndFailAsTheCsrCheckWould() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(
          new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=n1"), keys.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }
    Map<String, RpcReply> replies =
        Map.of(
            "inventory",
            RpcReply.ok("inventory", Map.of("version", "0.30.2")),
            "gencsr",
            RpcReply.ok(
                "gencsr", Map.of("csr", pem.toString(), "public_key", "k", "ssldir", "/x")));
    NodeRpcActivitiesImpl rpc =
        new NodeRpcActivitiesImpl(
            (identity, agent, action, data, timeout) -> {
              calls.add(new Call(identity, agent, action, data));
              return replies.get(action);
            },
            "s3cret",
            sealer,
            new ActivityMetrics(registry, "lab"));

    NodeReads reads = rpc.fetchInventoryAndCheckedCsr("n1");

    assertEquals("0.30.2", reads.inventory().version());
    assertEquals(pem.toString(), reads.csr().csrPem());
    assertEquals(List.of("inventory", "gencsr"), calls.stream().map(Call::action).toList());
    ApplicationFailure denied =
        assertThrows(ApplicationFailure.class, () -> rpc.fetchInventoryAndCheckedCsr("n2"));
    assertEquals(FailureTypes.CSR_INVALID, denied.getType());
    assertTrue(denied.isNonRetryable());
  }
}
