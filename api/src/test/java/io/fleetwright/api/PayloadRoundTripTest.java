package io.fleetwright.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every payload that crosses a Temporal boundary survives Temporal's default data converter. */
class PayloadRoundTripTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();
  private static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");
  private static final StepRecord STEP =
      new StepRecord(
          ProvisioningStep.HELPER, 2, AT, Duration.ofMillis(1500), StepOutcome.SUCCEEDED);

  static Stream<Arguments> payloads() {
    return Stream.of(
        Arguments.of(HelperDecision.class, fullConfigure()),
        Arguments.of(HelperDecision.class, HelperDecision.Configure.of(Map.of("a", "b"), "ok")),
        Arguments.of(HelperDecision.class, new HelperDecision.Defer("waiting for CMDB")),
        Arguments.of(HelperDecision.class, new HelperDecision.Shutdown("decommissioned")),
        Arguments.of(
            HelperDecision.class, new HelperDecision.Approval("new rack 7", fullConfigure())),
        Arguments.of(
            ProvisionInput.class,
            ProvisionInput.of("n1.example.net", "lab", Features.NONE, "cli")
                .withApproval(
                    new ApprovalPolicy(Duration.ofHours(4), ApprovalPolicy.OnTimeout.FAIL))),
        Arguments.of(
            ProvisionResult.class,
            new ProvisionResult(
                "n1",
                ProvisioningState.REJECTED,
                List.of(),
                null,
                null,
                1,
                List.of(STEP),
                "rejected",
                new ApprovalStatus(
                    "new rack", ApprovalStatus.Decision.REJECTED, "alice", "wrong rack", AT))),
        Arguments.of(
            NodeStatus.class,
            new NodeStatus(
                "n1",
                "lab",
                ProvisioningState.AWAITING_APPROVAL,
                ProvisioningStep.APPROVAL_WAIT,
                AT,
                1,
                null,
                "",
                false,
                "",
                0,
                List.of(STEP),
                null,
                ApprovalStatus.pending("new rack"),
                List.of("ignored signal retry: it is AWAITING_APPROVAL, not DEFERRED"))),
        Arguments.of(
            ProvisionInput.class,
            new ProvisionInput(
                "n1.example.net",
                "lab",
                new Features(false, false, true),
                new DeferPolicy(Duration.ofSeconds(90), Duration.ofHours(2), 1.5, 0.25, 7),
                true,
                "lifecycle",
                true)),
        Arguments.of(
            ProvisionInput.class,
            ProvisionInput.of("n1", "lab", Features.NONE, "cli")
                .withRenewal(RenewalPolicy.before(Duration.ofDays(30)))
                .withLineage(new Lineage(3, "run-1", "run-2", "reprovision by alice"))),
        Arguments.of(
            ProvisionInput.class,
            ProvisionInput.of("n1", "lab", Features.NONE, "cli")
                .withCaRoute(new CaRoute("provisioning-ca", true))),
        Arguments.of(
            ProvisionResult.class,
            new ProvisionResult(
                "n1",
                ProvisioningState.PROVISIONED,
                List.of("loglevel"),
                "0a",
                "ff",
                2,
                List.of(STEP),
                "Restarting")),
        Arguments.of(
            NodeStatus.class,
            new NodeStatus(
                "n1",
                "lab",
                ProvisioningState.DEFERRED,
                ProvisioningStep.DEFER_WAIT,
                AT,
                2,
                AT.plusSeconds(60),
                "later",
                true,
                "maintenance",
                3,
                List.of(STEP))),
        Arguments.of(
            NodeStatus.class,
            new NodeStatus(
                "", "", ProvisioningState.DISCOVERED, null, null, 0, null, "", false, "", 0, null)),
        Arguments.of(
            FleetControlState.class, new FleetControlState(true, AT, "CA rotation", "ann")),
        Arguments.of(FleetControlState.class, FleetControlState.INITIAL),
        Arguments.of(ControlRequest.class, new ControlRequest("why", "who")),
        Arguments.of(JwtResult.class, new JwtResult(new SealedSecret("sealed:v1:x"), "ab")),
        Arguments.of(JwtClaims.class, new JwtClaims("{\"cht\":\"[redacted]\"}")),
        Arguments.of(Ed25519Result.class, new Ed25519Result("pk", "/etc/choria", "sig")),
        Arguments.of(
            InventoryResult.class,
            new InventoryResult("{}", "0.30.2", true, Map.of("os", "linux"))),
        Arguments.of(CsrResult.class, new CsrResult("csr", "pub", "/ssl")),
        Arguments.of(CsrInfo.class, new CsrInfo("n1", List.of("n1"), "RSA", 2048, "SHA256withRSA")),
        Arguments.of(SignedCertificate.class, new SignedCertificate("cert", "ca", "0a", "ff")),
        Arguments.of(
            ServerJwtInput.class,
            new ServerJwtInput("n1", "pk", "{\"ou\":\"x\"}", Map.of("a", "b"))),
        Arguments.of(EncryptedKey.class, new EncryptedKey("enc", "pub")),
        Arguments.of(
            ConfigureInput.class,
            new ConfigureInput(
                "n1",
                Map.of("loglevel", "info"),
                "cert",
                "ca",
                "/ssl",
                new EncryptedKey("enc", "pub"),
                "jwt",
                Map.of("a.policy", "p"),
                Map.of("b.rego", "r"))),
        Arguments.of(ConfigureResult.class, new ConfigureResult("Wrote 3 lines")),
        Arguments.of(
            ApplyResult.class,
            new ApplyResult("Wrote 3 lines", "Restarting Choria Server after 2s", 2)),
        Arguments.of(
            HelperInput.class,
            new HelperInput(
                "n1",
                new CsrResult("csr", "pub", "/ssl"),
                new Ed25519Result("pk", "/d", "s"),
                "{}",
                "{\"purpose\":\"choria_provisioning\"}")),
        Arguments.of(HelperInput.class, new HelperInput("n1", null, null, "{}", null)),
        Arguments.of(
            Features.class,
            new Features(true, false, false)
                .withUpgrades(
                    new UpgradePolicy(
                        true, "http://repo.example.net:8080", true, Duration.ofMinutes(3)))),
        Arguments.of(UpdateInput.class, new UpdateInput("n1", "http://r", "0.99.0")),
        Arguments.of(UpdateResult.class, new UpdateResult(true, "Restarting", 2)),
        Arguments.of(AwaitVersionInput.class, new AwaitVersionInput("n1", "0.30.2", "0.99.0", AT)),
        Arguments.of(NodeReturn.class, new NodeReturn(true, "0.99.0", 4)));
  }

  @org.junit.jupiter.api.Test
  void readsFeaturesFromHistoriesBeforeUpgradesAsUpgradesOff() {
    Payload old =
        Payload.newBuilder()
            .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
            .setData(
                com.google.protobuf.ByteString.copyFromUtf8(
                    "{\"pki\":true,\"jwt\":false,\"ed25519\":false}"))
            .build();

    Features back = CONVERTER.fromPayload(old, Features.class, Features.class);

    assertEquals(new Features(true, false, false, UpgradePolicy.OFF), back);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("payloads")
  <T> void survivesTheDefaultDataConverter(Class<T> declared, T value) {
    Payload payload = CONVERTER.toPayload(value).orElseThrow();

    T back = CONVERTER.fromPayload(payload, declared, declared);

    assertEquals(value, back, payload.getData().toStringUtf8());
  }

  @org.junit.jupiter.api.Test
  void readsAnInputRecordedBeforeApprovalWithTheDefaultPolicy() {
    String json =
        "{\"identity\":\"n1\",\"site\":\"\",\"features\":null,\"defer\":null,"
            + "\"startPaused\":false,\"discoveredBy\":\"cli\",\"localActivities\":true}";
    Payload payload =
        CONVERTER.toPayload("x").orElseThrow().toBuilder()
            .setData(com.google.protobuf.ByteString.copyFromUtf8(json))
            .build();

    ProvisionInput input =
        CONVERTER.fromPayload(payload, ProvisionInput.class, ProvisionInput.class);

    assertEquals(ApprovalPolicy.DEFAULT, input.approval());
    assertTrue(input.localActivities(), input.toString());
  }

  @org.junit.jupiter.api.Test
  void readsASignalPayloadPastedInTheWebUi() {
    String json = "{\"by\": \"alice\", \"reason\": \"rack checked\", \"extra\": 1}";
    Payload payload =
        CONVERTER.toPayload("x").orElseThrow().toBuilder()
            .setData(com.google.protobuf.ByteString.copyFromUtf8(json))
            .build();

    assertEquals(
        new ControlRequest("rack checked", "alice"),
        CONVERTER.fromPayload(payload, ControlRequest.class, ControlRequest.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void namesTheHelperDecisionKind(String kind, HelperDecision decision) {
    String json =
        CONVERTER.toPayload(decision).orElseThrow().getData().toString(StandardCharsets.UTF_8);

    assertTrue(json.contains("\"kind\":\"" + kind + "\""), json);
  }

  static Stream<Arguments> decisions() {
    return Stream.of(
        Arguments.of("configure", fullConfigure()),
        Arguments.of("defer", new HelperDecision.Defer("")),
        Arguments.of("shutdown", new HelperDecision.Shutdown("")),
        Arguments.of("approval", new HelperDecision.Approval("why", fullConfigure())));
  }

  private static HelperDecision.Configure fullConfigure() {
    return new HelperDecision.Configure(
        Map.of("plugin.choria.server.provision", "false"),
        "cert",
        "ca",
        "/ssl",
        new SealedSecret("sealed:v1:key"),
        Map.of("default.policy", "policy 1"),
        Map.of("x.rego", "package x"),
        "{\"collectives\":[\"c1\"]}",
        "0.31.0",
        "ok",
        true);
  }
}
