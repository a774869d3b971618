package io.fleetwright.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.NatsServerOptions;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.devstack.UpdateRepository;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our provisioner upgrades a real go-choria v0.30.2 server in provisioning mode (JWT made with
 * {@code --upgrade}) to the same server linked with another {@code build.Version}, served from a
 * go-updater repository on 127.0.0.1: the helper returns {@code upgrade}, the server installs the
 * release and restarts on it, and the same workflow run then configures it (PKI and JWT on).
 */
class RealServerUpgradeIT {
  private static final String NODE = "upgrade2.interop.fleetwright";

  @Test
  void ourProvisionerUpgradesARealServerThenConfiguresItInTheSameRun(@TempDir Path dir)
      throws Exception {
    Path bin = ChoriaBinary.ensure();
    RealServerProvisioningIT.printVersions(bin);
    String target = ChoriaBinary.upgradeVersion(bin);
    NatsServerOptions.Tls tls = BrokerTls.issue(dir.resolve("ca"), dir.resolve("broker"));
    try (NatsServer nats =
            NatsServer.start(
                NatsServerOptions.builder().binary(bin.resolve("nats-server")).tls(tls).build());
        TemporalDevServer temporal = Fixtures.startTemporal();
        WireTap tap = new WireTap(nats.url());
        UpdateRepository repository = UpdateRepository.start(dir.resolve("repo"))) {
      UpdateRepository.Release release = UpgradeReleases.publishUpgrade(repository, bin);
      String broker = "nats://" + BrokerTls.HOST + ":" + nats.port();
      Path jwt =
          RealServerProvisioningIT.provisioningJwt(
              bin.resolve("choria"), dir.resolve("jwt"), nats.url(), "--upgrade");
      String signer = Files.readString(jwt.resolveSibling("signer.public")).strip();
      RealServer server = null;
      try (InteropProvisioner provisioner =
          InteropProvisioner.start(
              config(dir, broker, temporal.target(), nats.url(), signer, repository, target))) {
        server = RealServer.startOwnCopy(bin.resolve("choria"), NODE, dir.resolve(NODE), jwt);
        RealServer running = server;
        Await.until(
            Duration.ofMinutes(3),
            () ->
                RealServerProvisioningIT.restartedInNormalMode(tap, NODE)
                    && provisioner.countsByState().getOrDefault("PROVISIONED", 0L) == 1,
            () -> RealServerProvisioningIT.progress(tap, List.of(running), provisioner));

        assertTrue(server.alive(), NODE + " exited:\n" + server.log());
        List<String> events = lifecycle(tap);
        System.out.println("interop: lifecycle of " + NODE + " " + events);
        assertEquals(
            List.of(
                "startup/provision_mode_server 0.30.2",
                "upgraded/provision_mode_server 0.30.2 -> " + target,
                "shutdown/provision_mode_server",
                "startup/provision_mode_server " + target,
                "provisioned/provision_mode_server",
                "shutdown/provision_mode_server",
                "startup/server " + target),
            events);
        assertEquals(
            release.hash(),
            UpdateRepository.sha256(Files.readAllBytes(server.ownBinary())),
            "the program on disk is the published release");
        ServerChecks.assertConfiguredByUs(server, broker);
        ServerChecks.assertCertificateMatchesItsOwnKey(server);
        SearchAttributes attributes = attributes(temporal.target());
        assertEquals("0.30.2", attributes.get(SearchAttributeKeys.CHORIA_VERSION_BEFORE));
        assertEquals(target, attributes.get(SearchAttributeKeys.CHORIA_VERSION_AFTER));
        assertEquals("PROVISIONED", attributes.get(SearchAttributeKeys.PROVISIONING_STATE));
      } finally {
        Path logs = Path.of("target", "interop-logs", "upgrade");
        tap.dump(logs.resolve("broker-messages.txt"));
        if (server != null) {
          server.close();
          server.keepLogs(logs);
        }
      }
    }
  }

  /** The node's events as {@code type/component version [-> new_version]}. */
  private static List<String> lifecycle(WireTap tap) {
    return tap.events().stream()
        .filter(e -> e.identity().equals(NODE))
        .filter(e -> !e.type().endsWith(".alive"))
        .map(
            e -> {
              String line =
                  e.type().replace("io.choria.lifecycle.v1.", "")
                      + "/"
                      + e.component()
                      + (e.version().isEmpty() ? "" : " " + e.version());
              return e.newVersion().isEmpty() ? line : line + " -> " + e.newVersion();
            })
        .toList();
  }

  /** The node workflow's search attributes, as Temporal holds them. */
  private static SearchAttributes attributes(String target) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      return client
          .newUntypedWorkflowStub(WorkflowIds.node(NODE))
          .describe()
          .getTypedSearchAttributes();
    } finally {
      stubs.shutdownNow();
    }
  }

  private static String config(
      Path dir,
      String broker,
      String temporal,
      String nats,
      String signer,
      UpdateRepository repository,
      String target) {
    Path helper = Path.of("src", "test", "resources", "interop-upgrade-helper.sh").toAbsolutePath();
    return """
        helper: "/bin/sh %s %s %s"
        token: %s
        site: interop
        identity: fleetwright.interop
        interval: 20s
        workers: 4
        loglevel: info
        features: {pki: true, jwt: true, upgrades: true}
        upgrades_repository: "%s"
        upgrades_timeout: 2m
        jwt_verify_cert: "%s"
        ca: {dir: "%s"}
        temporal: {target: "%s"}
        nats: {servers: ["%s"]}
        """
        .formatted(
            helper,
            broker,
            target,
            RealServerProvisioningIT.TOKEN,
            repository.url(),
            signer,
            dir.resolve("ca"),
            temporal,
            nats);
  }
}
