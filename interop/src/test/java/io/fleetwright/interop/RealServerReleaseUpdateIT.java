package io.fleetwright.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.NatsServerOptions;
import io.fleetwright.devstack.UpdateRepository;
import io.fleetwright.fleet.EmulatedRelease;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.RpcResult;
import io.fleetwright.testing.Await;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code choria_provision#release_update} sent straight to a real go-choria v0.30.2 server in
 * provisioning mode (JWT made with {@code --upgrade}), from a go-updater repository on 127.0.0.1
 * that holds the same server linked with {@code build.Version} 0.99.0. The server refuses what it
 * should (token, lock, a missing release, a bad checksum, no repository) with the same messages as
 * our emulated node, then installs the release, publishes {@code upgraded}, restarts on the new
 * binary and reports 0.99.0 in its own inventory and startup event.
 */
class RealServerReleaseUpdateIT {
  private static final String TOKEN = RealServerProvisioningIT.TOKEN;
  private static final Duration RPC = Duration.ofSeconds(20);
  private static final String REAL = "upgrade1.interop.fleetwright";

  @Test
  void aRealServerUpdatesItselfFromOurRepositoryAndRestartsOnTheNewVersion(@TempDir Path dir)
      throws Exception {
    Path bin = ChoriaBinary.ensure();
    RealServerProvisioningIT.printVersions(bin);
    String target = ChoriaBinary.upgradeVersion(bin);
    NatsServerOptions.Tls tls = BrokerTls.issue(dir.resolve("ca"), dir.resolve("broker"));
    try (NatsServer nats =
            NatsServer.start(
                NatsServerOptions.builder().binary(bin.resolve("nats-server")).tls(tls).build());
        WireTap tap = new WireTap(nats.url());
        UpdateRepository repository = UpdateRepository.start(dir.resolve("repo"))) {
      // One repository for both: the emulated node installs the real binary too (it then reports
      // the version it was asked for), so the two see the same releases and the same URLs.
      UpdateRepository.Release release = UpgradeReleases.publishUpgrade(repository, bin);
      byte[] upgrade = Files.readAllBytes(bin.resolve("choria-upgrade"));
      for (String arch : new TreeSet<>(List.of(ChoriaBinary.goArch(), EmulatedRelease.ARCH))) {
        if (!arch.equals(release.arch())) {
          repository.publish(target, UpgradeReleases.OS, arch, "choria", upgrade);
        }
        // A release whose release.json claims another checksum than its binary has.
        repository.publishWithHash(
            "0.99.1", UpgradeReleases.OS, arch, "choria", upgrade, sha(new byte[1]));
      }
      Path jwt =
          RealServerProvisioningIT.provisioningJwt(
              bin.resolve("choria"), dir.resolve("jwt"), nats.url(), "--upgrade");
      RealServer server =
          RealServer.startOwnCopy(bin.resolve("choria"), REAL, dir.resolve(REAL), jwt);
      try (server;
          Fleet fleet =
              Fleet.builder()
                  .nodes(1)
                  .natsUrl(nats.url())
                  .token(TOKEN)
                  .upgradable(true)
                  .splayScale(0.01)
                  .identityPattern("emulated%d.interop.fleetwright")
                  .build()
                  .start();
          ChoriaClient client = client(nats.url(), "fleetwright.interop");
          ChoriaClient stranger = client(nats.url(), "stranger.interop")) {
        Await.until(
            Duration.ofMinutes(1),
            () -> RealServerProvisioningIT.startedInProvisioningMode(tap, REAL),
            () -> "no startup event from " + REAL + ":\n" + server.log());
        Map<String, Object> before = inventory(client, REAL);
        assertEquals("0.30.2", before.get("version"), before.toString());
        assertEquals(true, before.get("upgradable"), before.toString());

        FleetNode emulated = fleet.nodes().get(0);
        List<String> fromReal = refusals(client, stranger, REAL, repository.url());
        List<String> fromEmulator =
            refusals(client, stranger, emulated.identity(), repository.url());
        fromReal.forEach(line -> System.out.println("interop: release_update " + line));
        assertEquals(fromReal, fromEmulator, "real server (expected) vs emulator (actual)");
        assertEquals("0.30.2", inventory(client, REAL).get("version"), server.log());
        System.out.println(
            "interop: after the bad checksum the server's folder holds " + files(server));

        RpcResult update = releaseUpdate(client, REAL, repository.url(), target);
        assertTrue(update.ok(), update + "\n" + server.log());
        assertEquals("Restarting Choria Server after 2s", update.data().get("message"));
        Await.until(
            Duration.ofMinutes(1),
            () -> startedOn(tap, REAL, target),
            () ->
                "no startup event of "
                    + target
                    + " from "
                    + REAL
                    + ": "
                    + tap.events()
                    + "\n"
                    + server.log());

        Map<String, Object> after = inventory(client, REAL);
        assertEquals(target, after.get("version"), after.toString());
        assertEquals(true, after.get("upgradable"), after.toString());
        assertEquals(List.of("provisioning"), after.get("collectives"), after.toString());
        assertTrue(server.alive(), "the server exited:\n" + server.log());
        assertEquals(
            release.hash(),
            sha(Files.readAllBytes(server.ownBinary())),
            "the program on disk is the published release");
        List<String> seen = lifecycle(tap, REAL);
        System.out.println("interop: lifecycle of " + REAL + " " + seen);
        // alive events are Choria's periodic "still running" beat; one may land at any point
        // (one did, after the second startup, in a make test run), so only the transitions count.
        List<String> events = seen.stream().filter(e -> !e.startsWith("alive/")).toList();
        assertEquals(
            List.of(
                "startup/provision_mode_server 0.30.2",
                "upgraded/provision_mode_server 0.30.2 -> " + target,
                "shutdown/provision_mode_server",
                "startup/provision_mode_server " + target),
            events);
        System.out.println("interop: after the update the server's folder holds " + files(server));

        RpcResult emulatedUpdate =
            releaseUpdate(client, emulated.identity(), repository.url(), target);
        assertEquals(update.data(), emulatedUpdate.data());
        Await.until(
            Duration.ofSeconds(30),
            () -> startedOn(tap, emulated.identity(), target),
            () -> "no startup event of " + target + " from " + emulated + ": " + tap.events());
        assertEquals(
            events.stream().map(e -> e.replace(REAL, "")).toList(),
            lifecycle(tap, emulated.identity()),
            "real server's lifecycle events (expected) vs emulator's (actual)");
        assertEquals(List.of(target), emulated.releaseUpdateHistory());
      } finally {
        Path logs = Path.of("target", "interop-logs", "release-update");
        tap.dump(logs.resolve("broker-messages.txt"));
        server.close();
        server.keepLogs(logs);
      }
    }
  }

  /**
   * The refusals, in an order that keeps both nodes in provisioning mode: a wrong token, another
   * caller while we hold the lock, a release that is not there, a bad checksum, no repository, a
   * repository nobody listens on, a scheme go-updater cannot fetch.
   */
  private static List<String> refusals(
      ChoriaClient client, ChoriaClient stranger, String identity, String repo) throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    List<String> out = new ArrayList<>();
    out.add(
        shape(
            client.call(
                identity,
                "choria_provision",
                "release_update",
                input("wrong", repo, "0.99.0"),
                RPC),
            repo));
    out.add(
        shape(
            stranger.call(
                identity, "choria_provision", "release_update", input(TOKEN, repo, "0.99.0"), RPC),
            repo));
    for (String[] call :
        new String[][] {
          {repo, "0.98.0"},
          {repo, "0.99.1"},
          {"", "0.99.0"},
          {"http://127.0.0.1:" + closed, "0.99.0"},
          {"ftp://127.0.0.1/releases", "0.99.0"}
        }) {
      RpcResult r = releaseUpdate(client, identity, call[0], call[1]);
      out.add(
          shape(r, repo)
              .replace(":" + closed + "/", ":<closed>/")
              .replace(":" + closed + ":", ":<closed>:"));
    }
    return out;
  }

  private static Map<String, Object> input(String token, String repository, String version) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("token", token);
    data.put("repository", repository);
    data.put("version", version);
    return data;
  }

  private static RpcResult releaseUpdate(
      ChoriaClient client, String identity, String repository, String version) {
    return client.call(
        identity, "choria_provision", "release_update", input(TOKEN, repository, version), RPC);
  }

  private static String shape(RpcResult r, String repo) {
    String text = r.reply().statusCode() + " " + r.data().keySet();
    if (!r.ok()) {
      text += " '" + r.reply().statusMsg() + "'";
    }
    // The emulator poses as linux/amd64 whatever this machine is.
    return text.replace(repo, "<repo>")
        .replace("/" + ChoriaBinary.goArch() + "/", "/<arch>/")
        .replace("/" + EmulatedRelease.ARCH + "/", "/<arch>/");
  }

  private static Map<String, Object> inventory(ChoriaClient client, String identity) {
    RpcResult r = client.call(identity, "rpcutil", "inventory", Map.of(), RPC);
    assertTrue(r.ok(), r.toString());
    return r.data();
  }

  private static boolean startedOn(WireTap tap, String identity, String version) {
    return tap.events().stream()
        .anyMatch(
            e ->
                e.identity().equals(identity)
                    && e.type().endsWith(".startup")
                    && e.version().equals(version));
  }

  /** The node's events as {@code type/component version [-> new_version]}. */
  private static List<String> lifecycle(WireTap tap, String identity) {
    return tap.events().stream()
        .filter(e -> e.identity().equals(identity))
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

  private static ChoriaClient client(String url, String identity) {
    return ChoriaClient.builder()
        .natsUrl(url)
        .identity(identity)
        .callerId("choria=" + identity)
        .connect();
  }

  private static String sha(byte[] data) {
    return UpdateRepository.sha256(data);
  }

  private static List<String> files(RealServer server) throws Exception {
    try (var list = Files.list(server.ownBinary().getParent())) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
