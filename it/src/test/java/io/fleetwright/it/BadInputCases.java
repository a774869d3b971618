package io.fleetwright.it;

import io.fleetwright.activities.CredentialActivitiesImpl;
import io.fleetwright.app.ConfigException;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.credentials.SecretSealer;
import io.fleetwright.site.SiteFile;
import io.fleetwright.site.SiteFiles;
import io.fleetwright.site.SitePlanner;
import io.fleetwright.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The catalogue's cases: a name, the clear error it must give, and how to provoke it. */
final class BadInputCases {
  /** Rogue (fake) nodes the catalogue starts. */
  static final int ROGUES = 3;

  private static final String LIFECYCLE = "choria.lifecycle.event.startup.provision_mode_server";
  private static final String REGISTRATION = "provisioning.registration.data";

  /** Provokes one bad input and returns the error text it produced. */
  @FunctionalInterface
  interface Provoke {
    String apply(BadInputCatalogueChaosIT it) throws Exception;
  }

  /** One case; its name is what the test report shows. */
  record Case(String name, String expected, Provoke provoke) {
    @Override
    public String toString() {
      return name;
    }
  }

  private BadInputCases() {}

  static String node(int index) {
    return "node-%05d.fleet.example.net".formatted(index);
  }

  static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    helperOutputs(cases);
    csrs(cases);
    natsMessages(cases);
    rogues(cases);
    configFiles(cases);
    siteFiles(cases);
    return cases;
  }

  private static void helperOutputs(List<Case> c) {
    helper(c, 1, "helper output: a number as a configuration value", "registerinterval");
    helper(c, 2, "helper output: not JSON", "its output is not one JSON document");
    helper(c, 3, "helper output: no configuration", "configuration");
    helper(c, 4, "helper output: configuration is a list", "configuration");
    helper(c, 5, "helper output: 20 MB", "bytes");
    helper(c, 6, "helper output: not UTF-8", "UTF-8");
    c.add(
        new Case(
            "helper: times out",
            "gave no reply within 2s (helper_timeout); killed it and its child processes",
            it -> it.awaitLog(0, node(7) + " failed: helper")));
    helper(c, 8, "helper: crashes with exit code 3", "exit");
    helper(c, 9, "helper output: empty", "empty");
    helper(c, 10, "helper configuration without provision=false", "plugin.choria.server.provision");
    helper(c, 11, "helper output: defer is a string", "defer");
  }

  private static void helper(List<Case> c, int index, String name, String expected) {
    c.add(new Case(name, expected, it -> it.failureOf(node(index))));
  }

  private static void csrs(List<Case> c) {
    c.add(new Case("CSR: the wrong CN", "CN", it -> it.failureOf(node(12))));
    c.add(new Case("CSR: a deny-listed name", "deny", it -> it.failureOf(node(13))));
    c.add(
        new Case(
            "CSR: a weak 1024-bit RSA key",
            "1024",
            it -> validateCsr(node(40), CsrMaker.rsa(node(40), 1024, false))));
    c.add(
        new Case(
            "CSR: a bad signature",
            "signature",
            it -> validateCsr(node(41), CsrMaker.rsa(node(41), 2048, true))));
    c.add(
        new Case("CSR: not PEM at all", "PEM", it -> validateCsr(node(42), "-----BEGIN nothing")));
  }

  private static String validateCsr(String identity, String pem) {
    CredentialActivitiesImpl credentials =
        new CredentialActivitiesImpl(
            ConfigLoader.DEFAULT_CERT_DENY_LIST,
            Optional.empty(),
            Optional.empty(),
            SecretSealer.derivedFrom("catalogue"),
            Clock.systemUTC());
    try {
      credentials.validateCsr(identity, pem);
      return "(accepted)";
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  private static void natsMessages(List<Case> c) {
    nats(c, "lifecycle event: not JSON", LIFECYCLE, "{not json".getBytes(), "JSON");
    nats(c, "lifecycle event: no identity", LIFECYCLE, lifecycle(null), "identity is missing");
    nats(
        c,
        "lifecycle event: identity with a wildcard",
        LIFECYCLE,
        lifecycle("node-*"),
        "\"node-*\" contains the NATS wildcard '*'");
    nats(
        c,
        "lifecycle event: identity with a space",
        LIFECYCLE,
        lifecycle("a node"),
        "\"a node\" contains whitespace at position 1");
    nats(
        c,
        "lifecycle event: 2 MB",
        LIFECYCLE,
        new byte[2 * 1024 * 1024],
        "event is 2097152 bytes, over the limit of 1048576 bytes");
    nats(
        c,
        "registration: 2 MB",
        REGISTRATION,
        new byte[2 * 1024 * 1024],
        "transport is 2097152 bytes, over the limit of 1048576 bytes");
    nats(c, "lifecycle event: not UTF-8", LIFECYCLE, new byte[] {'{', (byte) 0xff, '}'}, "JSON");
    nats(c, "registration: not JSON", REGISTRATION, "garbage".getBytes(), "JSON");
    nats(
        c,
        "registration: transport data not base64",
        REGISTRATION,
        "{\"protocol\":\"choria:transport:1\",\"data\":\"not base64!\",\"headers\":{}}".getBytes(),
        "base64");
    nats(
        c,
        "reply: not JSON on our reply subject",
        "provisioning.reply.0123456789abcdef0123456789abcdef." + "1".repeat(32),
        "{broken".getBytes(),
        "JSON");
    c.add(
        new Case(
            "replies: a node whose replies are not Choria messages",
            "Dropped",
            it -> it.failureOf(node(14)) + " / " + it.awaitLog(0, "provisioning.reply")));
  }

  private static void nats(List<Case> c, String name, String subject, byte[] bytes, String exp) {
    c.add(new Case(name, exp, it -> it.publishAndLog(subject, bytes, "Dropped")));
  }

  private static byte[] lifecycle(String identity) {
    String id = identity == null ? "" : ",\"identity\":\"" + identity + "\"";
    return ("{\"protocol\":\"io.choria.lifecycle.v1.startup\","
            + "\"id\":\"cb6f1dbc-d65b-49b9-907e-e4a51bee75f8\",\"component\":"
            + "\"provision_mode_server\",\"timestamp\":1700000000,\"version\":\"0.29.4\""
            + id
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void rogues(List<Case> c) {
    c.add(
        new Case(
            "reply: from the wrong sender",
            "is not the targeted identity",
            it -> it.rogue("rogue-1.chaos.test", RogueNode.Mode.WRONG_SENDER, "impostor")));
    c.add(
        new Case(
            "reply: request id not that of its subject",
            "does not match the request id",
            it ->
                it.rogue("rogue-2.chaos.test", RogueNode.Mode.MISMATCHED_REQUEST_ID, "requestid")));
    c.add(
        new Case(
            "reply: replayed after its request was answered",
            "rogue-3.chaos.test",
            it -> it.rogue("rogue-3.chaos.test", RogueNode.Mode.REPLAYED_REPLY, "rogue-3")));
  }

  private static void configFiles(List<Case> c) {
    config(c, "config: an unknown key", "helpr: x\n", "helpr");
    config(c, "config: an unknown nested key", "temporal: {taget: x}\n", "taget");
    config(c, "config: a bad duration", "interval: soon\n", "interval");
    config(c, "config: a NATS server that is not a URL", "nats: {servers: [broker]}\n", "broker");
    config(c, "config: temporal.target without a port", "temporal: {target: host}\n", "host:port");
    config(c, "config: an identity with a wildcard", "identity: 'prov.*'\n", "wildcards");
    config(c, "config: workers out of range", "workers: 0\n", "workers");
    config(c, "config: not YAML", "helper: [unclosed\n", "YAML");
  }

  private static void config(List<Case> c, String name, String yaml, String expected) {
    c.add(
        new Case(
            name,
            expected,
            it -> {
              try {
                ConfigLoader.parse(yaml);
                return "(accepted)";
              } catch (ConfigException e) {
                return e.getMessage();
              }
            }));
  }

  private static void siteFiles(List<Case> c) {
    c.add(
        new Case(
            "site file: a dependency cycle",
            "cycle",
            it -> plan(Fixtures.sharedDir().resolve("choria/env-graph-cyclic-lamp.json"), null)));
    site(
        c,
        "site file: a duplicate application",
        "environment: production\napplications:\n  \"A[a]\": {}\n  \"A[a]\": {}\n",
        "A[a]");
    site(
        c,
        "site file: a component without a node",
        "environment: production\napplications:\n  \"A[a]\":\n    \"A::B[b]\": {produces: []}\n",
        "node");
    site(
        c,
        "site file: a consumed capability nobody produces",
        "environment: production\napplications:\n  \"A[a]\":\n"
            + "    \"A::B[b]\": {consumes: [\"Sql[x]\"], node: n1}\n",
        "Sql[x]");
  }

  private static void site(List<Case> c, String name, String yaml, String expected) {
    c.add(new Case(name, expected, it -> plan(null, yaml)));
  }

  private static String plan(Path file, String yaml) throws Exception {
    Path path = file;
    if (path == null) {
      path = Files.createTempFile("site", ".yaml");
      Files.writeString(path, yaml);
    }
    try {
      SiteFile site = SiteFiles.load(path);
      return "(accepted: " + SitePlanner.plan(site) + ")";
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }
}
