package io.fleetwright.app.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.SealedSecret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionComparisonTest {
  private static final String NODE = "n1.example.net";
  private static final Map<String, String> BASE =
      Map.of(
          "plugin.choria.server.provision", "false",
          "plugin.choria.middleware_hosts", "nats://a:4222",
          "registerinterval", "300");

  private static Outcome configure(Map<String, String> configuration) {
    return new Outcome.Decided(HelperDecision.Configure.of(configuration, "ok"));
  }

  private static Verdict compare(Outcome before, Outcome after) {
    return DecisionComparison.compare(NODE, "run-1", before, after);
  }

  @Test
  void anIdenticalConfigurationIsSame() {
    Verdict v = compare(configure(BASE), configure(Map.copyOf(BASE)));
    assertEquals(Verdict.Kind.SAME, v.kind(), v.toString());
    assertEquals(List.of(), v.changes());
    assertEquals("n1.example.net  same", ReplayReport.line(v));
  }

  @Test
  void aChangedAddedAndRemovedKeyAreEachNamedWithOldAndNewValue() {
    Map<String, String> after = new java.util.HashMap<>(BASE);
    after.put("plugin.choria.middleware_hosts", "nats://b:4222");
    after.remove("registerinterval");
    after.put("loglevel", "debug");
    Verdict v = compare(configure(BASE), configure(after));
    assertEquals(Verdict.Kind.CHANGED, v.kind(), v.toString());
    assertEquals(
        List.of(
            new Change("loglevel", null, "debug"),
            new Change("plugin.choria.middleware_hosts", "nats://a:4222", "nats://b:4222"),
            new Change("registerinterval", "300", null)),
        v.changes());
    assertEquals(
        "n1.example.net  changed  loglevel: added \"debug\"; plugin.choria.middleware_hosts:"
            + " \"nats://a:4222\" → \"nats://b:4222\"; registerinterval: removed (was \"300\")",
        ReplayReport.line(v));
  }

  @Test
  void secretValuesAreMaskedButTheirChangeIsStillReported() {
    Map<String, String> before = new java.util.HashMap<>(BASE);
    before.put("plugin.choria.middleware_password", "hunter2");
    before.put("plugin.security.provisioning.token", "t0k3n");
    Map<String, String> after = new java.util.HashMap<>(before);
    after.put("plugin.choria.middleware_password", "swordfish");
    after.put("plugin.security.provisioning.token", "n3w");
    Verdict v = compare(configure(before), configure(after));
    String line = ReplayReport.line(v);
    assertEquals(Verdict.Kind.CHANGED, v.kind(), line);
    assertEquals(2, v.changes().size(), line);
    for (String secret : List.of("hunter2", "swordfish", "t0k3n", "n3w")) {
      assertFalse(line.contains(secret), line);
    }
    assertTrue(
        line.contains("plugin.choria.middleware_password: \"[masked]\" → \"[masked]\""), line);
  }

  @Test
  void aPrivateKeyIsComparedByPresenceOnlyAndNeverShown() {
    HelperDecision.Configure without = HelperDecision.Configure.of(BASE, "ok");
    HelperDecision.Configure with =
        new HelperDecision.Configure(
            BASE,
            null,
            null,
            null,
            new SealedSecret("sealed"),
            Map.of(),
            Map.of(),
            null,
            null,
            "ok",
            false);
    Verdict added = compare(new Outcome.Decided(without), new Outcome.Decided(with));
    assertEquals(List.of(new Change("key", null, "[masked]")), added.changes());
    Verdict kept = compare(new Outcome.Decided(with), new Outcome.Decided(with));
    assertEquals(Verdict.Kind.SAME, kept.kind());
  }

  @Test
  void deferToConfigureAndBackIsItsOwnVerdictWithTheDirection() {
    Outcome defer = new Outcome.Decided(new HelperDecision.Defer("no country"));
    Verdict up = compare(defer, configure(BASE));
    assertEquals(Verdict.Kind.DEFER_CONFIGURE, up.kind());
    assertEquals("defer → configure", up.detail());
    Verdict down = compare(configure(BASE), defer);
    assertEquals(Verdict.Kind.DEFER_CONFIGURE, down.kind());
    assertEquals("configure → defer", down.detail());
  }

  @Test
  void aShutdownOnEitherSideIsAShutdownVerdict() {
    Outcome shutdown = new Outcome.Decided(new HelperDecision.Shutdown("retired"));
    assertEquals(Verdict.Kind.SHUTDOWN, compare(configure(BASE), shutdown).kind());
    assertEquals(Verdict.Kind.SHUTDOWN, compare(shutdown, configure(BASE)).kind());
    assertEquals(Verdict.Kind.SAME, compare(shutdown, shutdown).kind());
  }

  @Test
  void aRefusedNewReplyIsInvalidWithTheErrorProductionRaises() {
    Verdict v = compare(configure(BASE), new Outcome.Refused("INVALID_OUTPUT: no provision key"));
    assertEquals(Verdict.Kind.INVALID, v.kind());
    assertEquals("n1.example.net  invalid  INVALID_OUTPUT: no provision key", ReplayReport.line(v));
  }

  @Test
  void aDeferMessageThatChangedIsAChange() {
    Verdict v =
        compare(
            new Outcome.Decided(new HelperDecision.Defer("a")),
            new Outcome.Decided(new HelperDecision.Defer("b")));
    assertEquals(List.of(new Change("msg", "a", "b")), v.changes());
  }

  @Test
  void theExitCodeIsOneOnlyWhenAReplyIsInvalidOrNothingCouldBeRead() {
    Verdict same = compare(configure(BASE), configure(BASE));
    Verdict invalid = compare(configure(BASE), new Outcome.Refused("x"));
    Verdict lost = Verdict.unrecoverable(NODE, "r", "no key");
    assertEquals(0, new ReplayReport(List.of(same, lost)).exitCode());
    assertEquals(1, new ReplayReport(List.of(same, invalid)).exitCode());
    assertEquals(1, new ReplayReport(List.of(lost)).exitCode());
    assertEquals(0, new ReplayReport(List.of()).exitCode());
    assertEquals(
        "summary: 2 nodes: same 1, changed 0, defer ↔ configure 0, shutdown 0, invalid 0,"
            + " unrecoverable 1",
        new ReplayReport(List.of(same, lost)).summary());
  }
}
