package io.fleetwright.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.NatsServerOptions;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our provisioner against real go-choria v0.30.2 servers in provisioning mode, PKI on: each server
 * makes its key and CSR, the built-in CA signs it, the server is configured and restarts into
 * normal mode with our configuration, and its private key never leaves it.
 */
class RealServerProvisioningIT {
  private static final int SERVERS = 3;
  static final String TOKEN = "interop-token-5b21";
  private static final String PROVISION_MODE = "provision_mode_server";

  @Test
  void ourProvisionerProvisionsRealGoChoriaServersEndToEndWithPki(@TempDir Path dir)
      throws Exception {
    Path bin = ChoriaBinary.ensure();
    Path binary = bin.resolve("choria");
    printVersions(bin);
    NatsServerOptions.Tls tls = BrokerTls.issue(dir.resolve("ca"), dir.resolve("broker"));
    try (NatsServer nats =
            NatsServer.start(
                NatsServerOptions.builder().binary(bin.resolve("nats-server")).tls(tls).build());
        TemporalDevServer temporal = Fixtures.startTemporal();
        WireTap tap = new WireTap(nats.url())) {
      String broker = "nats://" + BrokerTls.HOST + ":" + nats.port();
      Path jwt = provisioningJwt(binary, dir.resolve("jwt"), nats.url());
      List<RealServer> servers = new ArrayList<>();
      String signer = Files.readString(jwt.resolveSibling("signer.public")).strip();
      try (InteropProvisioner provisioner =
          InteropProvisioner.start(config(dir, broker, temporal.target(), nats.url(), signer))) {
        for (int i = 1; i <= SERVERS; i++) {
          String identity = "node" + i + ".interop.fleetwright";
          servers.add(RealServer.start(binary, identity, dir.resolve(identity), jwt));
        }
        Await.until(
            Duration.ofMinutes(5),
            () ->
                servers.stream().allMatch(s -> restartedInNormalMode(tap, s.identity()))
                    && provisioner.countsByState().getOrDefault("PROVISIONED", 0L) == SERVERS,
            () -> progress(tap, servers, provisioner));
        for (RealServer server : servers) {
          assertTrue(server.alive(), server.identity() + " exited:\n" + server.log());
          ServerChecks.assertConfiguredByUs(server, broker);
          ServerChecks.assertLifecycle(tap.events(), server.identity());
          ServerChecks.assertCertificateMatchesItsOwnKey(server);
          ServerChecks.assertKeyStayedOnTheNode(server, tap, temporal.target());
          System.out.println(ServerChecks.summary(server, tap.events()));
        }
        System.out.println(
            "interop: "
                + SERVERS
                + " real servers provisioned, "
                + tap.count()
                + " broker messages scanned, states "
                + provisioner.countsByState());
      } finally {
        Path logs = Path.of("target", "interop-logs");
        tap.dump(logs.resolve("broker-messages.txt"));
        for (RealServer server : servers) {
          server.close();
          server.keepLogs(logs);
        }
      }
    }
  }

  static boolean startedInProvisioningMode(WireTap tap, String identity) {
    return tap.events().stream()
        .anyMatch(
            e ->
                e.identity().equals(identity)
                    && e.type().equals("io.choria.lifecycle.v1.startup")
                    && e.component().equals(PROVISION_MODE));
  }

  static boolean restartedInNormalMode(WireTap tap, String identity) {
    return tap.events().stream()
        .anyMatch(
            e ->
                e.identity().equals(identity)
                    && e.type().equals("io.choria.lifecycle.v1.startup")
                    && e.component().equals("server"));
  }

  static String progress(WireTap tap, List<RealServer> servers, InteropProvisioner provisioner) {
    return "states "
        + provisioner.countsByState()
        + ", events "
        + tap.events()
        + servers.stream()
            .map(s -> "\n--- " + s.identity() + " log:\n" + tail(s.log()))
            .collect(Collectors.joining());
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static String config(
      Path dir, String broker, String temporal, String nats, String signer) {
    return config("interop-helper.sh", dir, broker, temporal, nats, signer);
  }

  /** The provisioner's configuration with {@code helperScript} from the test resources. */
  static String config(
      String helperScript, Path dir, String broker, String temporal, String nats, String signer) {
    Path helper = Path.of("src", "test", "resources", helperScript).toAbsolutePath();
    return """
        helper: "/bin/sh %s %s"
        token: %s
        site: interop
        identity: fleetwright.interop
        interval: 20s
        workers: 4
        loglevel: info
        features: {pki: true, jwt: true}
        jwt_verify_cert: "%s"
        ca: {dir: "%s"}
        temporal: {target: "%s"}
        nats: {servers: ["%s"]}
        """
        .formatted(helper, broker, TOKEN, signer, dir.resolve("ca"), temporal, nats);
  }

  /** A provisioning JWT made by the server binary itself, as WIRE.md §6.4 describes. */
  static Path provisioningJwt(Path binary, Path dir, String natsUrl, String... flags)
      throws Exception {
    Files.createDirectories(dir);
    ChoriaBinary.run(binary, dir, List.of("jwt", "keys", "signer.seed", "signer.public"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "jwt",
                "prov",
                "provisioning.jwt",
                "signer.seed",
                "--token",
                TOKEN,
                "--urls",
                natsUrl,
                "--default"));
    args.addAll(List.of(flags));
    ChoriaBinary.run(binary, dir, args);
    return dir.resolve("provisioning.jwt");
  }

  static void printVersions(Path bin) throws Exception {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("choria", ChoriaBinary.firstLine(List.of(bin + "/choria", "version")));
    versions.put("go", ChoriaBinary.firstLine(List.of("go", "version")));
    versions.put("nats-server", ChoriaBinary.firstLine(List.of(bin + "/nats-server", "--version")));
    versions.forEach((k, v) -> System.out.println("interop version " + k + ": " + v));
  }
}
