package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.fleetwright.api.ConfigureInput;
import io.fleetwright.api.Features;
import io.fleetwright.api.HelperInput;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.ProvisioningStep;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.ServerJwtInput;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class NodeProvisioningHappyPathTest {
  private static final Logger log = LoggerFactory.getLogger(NodeProvisioningHappyPathTest.class);

  @RegisterExtension static final TestWorkflowExtension temporal = Environments.extension();

  static Stream<Arguments> featureCombinations() {
    return Stream.of(false, true)
        .flatMap(
            local ->
                Stream.of(
                        Features.NONE,
                        new Features(false, true, false),
                        new Features(true, false, false),
                        new Features(true, true, false),
                        new Features(false, true, true))
                    .map(features -> Arguments.of(features, local)));
  }

  @ParameterizedTest(name = "{0} local={1}")
  @MethodSource("featureCombinations")
  void provisionsANodeWithEveryFeatureCombination(
      Features features, boolean local, TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    env.start();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", features, "test").withLocalActivities(local);
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);

    ProvisionResult result = stub.provision(input);

    assertEquals(ProvisioningState.PROVISIONED, result.state(), result.toString());
    assertEquals(List.of("loglevel", "plugin.choria.server.provision"), result.configurationKeys());
    assertEquals("Restarting Choria Server after 2s", result.message());
    assertEquals(1, result.attempts());
    int calls = features.jwt() ? 1 : 0;
    verify(node.rpc, times(calls)).fetchJwt(FakeNode.IDENTITY);
    verify(node.credentials, times(calls)).validateJwt(FakeNode.IDENTITY, FakeNode.JWT.jwt());
    // Since lean-node v1 a local run gets its CSR checked by the node RPC activity itself.
    int separateCsr = features.pki() && !local ? 1 : 0;
    verify(node.rpc, times(separateCsr)).requestCsr(FakeNode.IDENTITY);
    verify(node.credentials, times(separateCsr))
        .validateCsr(FakeNode.IDENTITY, FakeNode.CSR.csrPem());
    verify(node.rpc, times(features.pki() && local ? 1 : 0)).requestCheckedCsr(FakeNode.IDENTITY);
    // Since lean-node v2 a local PKI run reads inventory and the checked CSR in one activity.
    verify(node.rpc, times(features.pki() && local ? 1 : 0))
        .fetchInventoryAndCheckedCsr(FakeNode.IDENTITY);
    assertEquals(
        features.pki() && local,
        result.steps().stream().anyMatch(s -> s.step() == ProvisioningStep.INVENTORY_AND_CSR),
        result.steps().toString());
    verify(node.rpc, times(features.ed25519() ? 1 : 0)).generateEd25519(anyString(), anyString());
    verify(node.credentials, never()).signCsr(anyString(), anyString());
    verify(node.credentials, never()).encryptKeyForNode(any(), anyString());
    if (local) {
      verify(node.changes).applyConfiguration(any());
      verify(node.rpc, never()).configure(any());
      verify(node.rpc, never()).restart(anyString());
    } else {
      verify(node.rpc).restart(FakeNode.IDENTITY);
    }

    HelperInput helperInput = helperInput(node);
    assertEquals(FakeNode.INVENTORY.inventoryJson(), helperInput.inventory());
    assertEquals(features.jwt() ? FakeNode.CLAIMS.json() : null, helperInput.jwtClaims());
    assertEquals(features.pki() ? FakeNode.CSR : null, helperInput.csr());
    assertEquals(features.ed25519() ? FakeNode.ED25519 : null, helperInput.ed25519Pubkey());

    ConfigureInput configured = local ? appliedInput(node) : configureInput(node);
    assertEquals(FakeNode.CONFIGURATION, configured.configuration());
    assertEquals(features.pki() ? FakeNode.CSR.sslDir() : null, configured.sslDir());
    assertEquals(
        features.ed25519() ? "eyJhbGciOiJFZERTQSJ9.server.jwt" : null, configured.serverJwt());
    assertNull(configured.key());
    assertEquals(
        "PROVISIONED", Environments.attribute(stub, SearchAttributeKeys.PROVISIONING_STATE));
    assertEquals(
        FakeNode.IDENTITY, Environments.attribute(stub, SearchAttributeKeys.NODE_IDENTITY));
    assertEquals("lab", Environments.attribute(stub, SearchAttributeKeys.SITE));
    assertEquals(1L, Environments.attribute(stub, SearchAttributeKeys.PROVISIONING_ATTEMPT));
    log.info(
        "events per provisioned node, features {} local activities {}: {}",
        features,
        local,
        Environments.eventCount(env.getWorkflowClient(), stub));
  }

  @Test
  void keepsTheHappyPathWithoutPkiUnderFortyHistoryEvents(
      TestWorkflowEnvironment env, Worker worker) {
    new FakeNode().on(worker);
    env.start();
    ProvisionInput input = ProvisionInput.of(FakeNode.IDENTITY, "lab", Features.NONE, "test");
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);
    stub.provision(input);

    int events = Environments.eventCount(env.getWorkflowClient(), stub);

    assertTrue(events <= 40, "a node without features took " + events + " history events");
  }

  @Test
  void signsTheCsrAndEncryptsTheHelpersKeyWhenTheHelperAsks(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(FakeNode.configureWithSigningAndKey());
    env.start();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", new Features(true, true, false), "test");
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);

    ProvisionResult result = stub.provision(input);

    assertEquals(ProvisioningState.PROVISIONED, result.state(), result.toString());
    assertEquals(FakeNode.SIGNED.serial(), result.certificateSerial());
    assertEquals(FakeNode.SIGNED.fingerprintSha256(), result.certificateFingerprint());
    verify(node.credentials).signCsr(FakeNode.IDENTITY, FakeNode.CSR.csrPem());
    verify(node.credentials)
        .encryptKeyForNode(eq(FakeNode.HELPER_KEY), eq(FakeNode.JWT.ecdhPublic()));
    ConfigureInput configured = configureInput(node);
    assertEquals(FakeNode.SIGNED.certificatePem(), configured.certificate());
    assertEquals(FakeNode.SIGNED.caChainPem(), configured.ca());
    assertEquals(FakeNode.ENCRYPTED, configured.key());
    assertEquals(
        List.of(
            ProvisioningStep.JWT,
            ProvisioningStep.INVENTORY,
            ProvisioningStep.CSR,
            ProvisioningStep.HELPER,
            ProvisioningStep.SIGN_CSR,
            ProvisioningStep.ENCRYPT_KEY,
            ProvisioningStep.CONFIGURE,
            ProvisioningStep.RESTART),
        result.steps().stream().map(step -> step.step()).toList());
  }

  @Test
  void passesTheHelpersServerClaimsWhenIssuingAServerJwt(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    env.start();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "", new Features(false, false, true), "test");
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);
    stub.provision(input);

    ArgumentCaptor<ServerJwtInput> captor = ArgumentCaptor.forClass(ServerJwtInput.class);
    verify(node.credentials).signServerJwt(captor.capture());
    assertEquals(FakeNode.ED25519.publicKey(), captor.getValue().ed25519PublicKey());
    assertEquals(FakeNode.CONFIGURATION, captor.getValue().configuration());
    ArgumentCaptor<String> nonce = ArgumentCaptor.forClass(String.class);
    verify(node.rpc).generateEd25519(eq(FakeNode.IDENTITY), nonce.capture());
    assertTrue(nonce.getValue().matches("[0-9a-f]{32}"), "nonce was " + nonce.getValue());
    verify(node.credentials).verifyEd25519(FakeNode.IDENTITY, nonce.getValue(), FakeNode.ED25519);
  }

  static HelperInput helperInput(FakeNode node) {
    ArgumentCaptor<HelperInput> captor = ArgumentCaptor.forClass(HelperInput.class);
    verify(node.helper).runHelper(captor.capture());
    return captor.getValue();
  }

  static ConfigureInput appliedInput(FakeNode node) {
    ArgumentCaptor<ConfigureInput> captor = ArgumentCaptor.forClass(ConfigureInput.class);
    verify(node.changes).applyConfiguration(captor.capture());
    return captor.getValue();
  }

  static ConfigureInput configureInput(FakeNode node) {
    ArgumentCaptor<ConfigureInput> captor = ArgumentCaptor.forClass(ConfigureInput.class);
    verify(node.rpc).configure(captor.capture());
    return captor.getValue();
  }
}
