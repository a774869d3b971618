package io.fleetwright.workflows;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.fleetwright.api.ApplyResult;
import io.fleetwright.api.ConfigureResult;
import io.fleetwright.api.CredentialActivities;
import io.fleetwright.api.CsrInfo;
import io.fleetwright.api.CsrResult;
import io.fleetwright.api.Ed25519Result;
import io.fleetwright.api.EncryptedKey;
import io.fleetwright.api.HelperActivities;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.InventoryResult;
import io.fleetwright.api.JwtClaims;
import io.fleetwright.api.JwtResult;
import io.fleetwright.api.NodeChangeActivities;
import io.fleetwright.api.NodeRpcActivities;
import io.fleetwright.api.NodeUpgradeActivities;
import io.fleetwright.api.SealedSecret;
import io.fleetwright.api.SignedCertificate;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;

/** Mocked activities that answer like a healthy node, a helper that configures, and a CA. */
final class FakeNode {
  static final String IDENTITY = "node1.example.net";
  static final Map<String, String> CONFIGURATION =
      Map.of("plugin.choria.server.provision", "false", "loglevel", "info");
  static final InventoryResult INVENTORY =
      new InventoryResult(
          "{\"agents\":[\"choria_provision\",\"rpcutil\"],\"facts\":{},\"version\":\"0.30.2\"}",
          "0.30.2",
          false,
          Map.of("os", "linux"));
  static final CsrResult CSR =
      new CsrResult(
          "-----BEGIN CERTIFICATE REQUEST-----\nMIIBfake\n-----END CERTIFICATE REQUEST-----\n",
          "-----BEGIN PUBLIC KEY-----\nMIIBfake\n-----END PUBLIC KEY-----\n",
          "/etc/choria/ssl");
  static final JwtResult JWT = new JwtResult(new SealedSecret("sealed:v1:jwt"), "ab".repeat(32));
  static final JwtClaims CLAIMS =
      new JwtClaims("{\"purpose\":\"choria_provisioning\",\"cht\":\"[redacted]\"}");
  static final Ed25519Result ED25519 =
      new Ed25519Result("cd".repeat(32), "/etc/choria", "ef".repeat(64));
  static final SignedCertificate SIGNED =
      new SignedCertificate(
          "-----BEGIN CERTIFICATE-----\nnode\n-----END CERTIFICATE-----\n",
          "-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n",
          "0a1b2c",
          "12".repeat(32));
  static final EncryptedKey ENCRYPTED =
      new EncryptedKey(
          "-----BEGIN RSA PRIVATE KEY-----\nenc\n-----END RSA PRIVATE KEY-----\n", "9f");
  static final SealedSecret HELPER_KEY = new SealedSecret("sealed:v1:key");

  final NodeRpcActivities rpc = mock(NodeRpcActivities.class, withSettings().withoutAnnotations());
  final CredentialActivities credentials =
      mock(CredentialActivities.class, withSettings().withoutAnnotations());
  final HelperActivities helper = mock(HelperActivities.class, withSettings().withoutAnnotations());
  final NodeChangeActivities changes =
      mock(NodeChangeActivities.class, withSettings().withoutAnnotations());
  final NodeUpgradeActivities upgrades =
      mock(NodeUpgradeActivities.class, withSettings().withoutAnnotations());

  FakeNode() {
    when(rpc.fetchJwt(anyString())).thenReturn(JWT);
    when(rpc.generateEd25519(anyString(), anyString())).thenReturn(ED25519);
    when(rpc.fetchInventory(anyString())).thenReturn(INVENTORY);
    when(rpc.requestCsr(anyString())).thenReturn(CSR);
    when(rpc.requestCheckedCsr(anyString())).thenReturn(CSR);
    when(rpc.fetchInventoryAndCheckedCsr(anyString()))
        .thenAnswer(
            call ->
                new io.fleetwright.api.NodeReads(
                    rpc.fetchInventory(call.getArgument(0)),
                    rpc.requestCheckedCsr(call.getArgument(0))));
    when(rpc.configure(any())).thenReturn(new ConfigureResult("Wrote 3 lines to server.conf"));
    when(rpc.restart(anyString())).thenReturn("Restarting Choria Server after 2s");
    when(rpc.shutdown(anyString())).thenReturn("Shutting Choria Server down after 3s");
    when(changes.applyConfiguration(any()))
        .thenReturn(
            new ApplyResult(
                "Wrote 3 lines to server.conf", "Restarting Choria Server after 2s", 1));
    when(changes.shutdownNode(anyString())).thenReturn("Shutting Choria Server down after 3s");
    when(credentials.validateJwt(anyString(), any())).thenReturn(CLAIMS);
    when(credentials.validateCsr(anyString(), anyString()))
        .thenReturn(new CsrInfo(IDENTITY, List.of(IDENTITY), "RSA", 2048, "SHA256withRSA"));
    when(credentials.signCsr(anyString(), anyString())).thenReturn(SIGNED);
    when(credentials.signServerJwt(any())).thenReturn("eyJhbGciOiJFZERTQSJ9.server.jwt");
    when(credentials.encryptKeyForNode(any(), anyString())).thenReturn(ENCRYPTED);
    when(helper.runHelper(any())).thenReturn(configure());
  }

  /** Registers the mocks on {@code worker}. */
  FakeNode on(Worker worker) {
    worker.registerActivitiesImplementations(rpc, credentials, helper, changes, upgrades);
    return this;
  }

  static HelperDecision.Configure configure() {
    return HelperDecision.Configure.of(CONFIGURATION, "configured by test helper");
  }

  /** A helper answer that asks the CA to sign and hands over a private key. */
  static HelperDecision.Configure configureWithSigningAndKey() {
    return new HelperDecision.Configure(
        CONFIGURATION,
        null,
        null,
        null,
        HELPER_KEY,
        Map.of("default.policy", "policy 1\nallow * * * *"),
        Map.of(),
        null,
        null,
        "sign and key",
        true);
  }
}
