package io.fleetwright.fleet.internal;

import static io.fleetwright.fleet.internal.Calls.provision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.devstack.UpdateRepository;
import io.fleetwright.fleet.EmulatedRelease;
import io.fleetwright.fleet.Fault;
import io.fleetwright.fleet.NodeMode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code choria_provision#release_update} against a real HTTP repository on 127.0.0.1, with
 * go-choria's rules and go-updater's messages, and the restart into the new version.
 */
class ReleaseUpdateTest {
  private static final String ROLLED_BACK =
      "Update to version 0.99.0 failed, release rolled back: ";
  private final FakeHost host = new FakeHost(Optional.of("s3cret"));
  private EmulatedNode node;
  private UpdateRepository repository;

  @BeforeEach
  void start(@TempDir Path dir) {
    host.settings = host.settings.withAllowUpdate(true);
    node = host.node("node1.lab.local");
    node.start();
    host.events.clear();
    repository = UpdateRepository.start(dir.resolve("repo"));
  }

  @AfterEach
  void stop() {
    repository.close();
  }

  private ActionResult update(String version) {
    return node.call(
        provision(
            "release_update",
            "token",
            "s3cret",
            "repository",
            repository.url(),
            "version",
            version));
  }

  private void publish(String version) {
    repository.publish(
        version,
        EmulatedRelease.OS,
        EmulatedRelease.ARCH,
        EmulatedRelease.NAME,
        EmulatedRelease.binary(version));
  }

  @Test
  void installsTheReleaseAnnouncesUpgradedAndComesBackInProvisioningModeOnTheNewVersion() {
    publish("0.99.0");

    ActionResult result = update("0.99.0");

    assertEquals(0, result.statusCode(), result.toString());
    assertEquals(Map.of("message", "Restarting Choria Server after 2s"), result.data());
    assertEquals("0.30.2", node.version(), "the old process runs until the restart");
    host.runScheduled();
    assertEquals(
        List.of(
            "upgraded provision_mode_server 0.30.2 -> 0.99.0",
            "shutdown provision_mode_server",
            "leave",
            "join [provisioning]",
            "startup provision_mode_server",
            "register"),
        host.events);
    assertEquals(NodeMode.PROVISIONING, node.mode());
    assertEquals("0.99.0", node.version());
    Map<String, Object> inventory = RpcutilAgent.inventory(node);
    assertEquals("0.99.0", inventory.get("version"));
    assertEquals(true, inventory.get("upgradable"));
    assertEquals(List.of("0.99.0"), node.releaseUpdateHistory());
    assertEquals(1, repository.requests("/0.99.0/linux/amd64/release.json"));
    assertEquals(1, repository.requests("/0.99.0/linux/amd64/choria-linux-amd64-0.99.0.bz2"));
  }

  @Test
  void comesBackReportingWhatTheInstalledProgramSaysEvenWhenItIsNotTheVersionAskedFor() {
    repository.publish(
        "0.99.0",
        EmulatedRelease.OS,
        EmulatedRelease.ARCH,
        EmulatedRelease.NAME,
        EmulatedRelease.binary("0.30.2"));

    assertEquals(0, update("0.99.0").statusCode());
    host.runScheduled();

    assertEquals("0.30.2", node.version());
    assertTrue(
        host.events.contains("upgraded provision_mode_server 0.30.2 -> 0.99.0"),
        "go-choria names the requested version in the event: " + host.events);
  }

  @Test
  void refusesAServerThatIsNotInProvisioningMode() {
    EmulatedNode provisioned = host.node("node2.lab.local");
    provisioned.startProvisioned(List.of("mcollective"));

    ActionResult result =
        provisioned.call(provision("release_update", "token", "s3cret", "version", "0.99.0"));

    assertEquals(1, result.statusCode());
    assertEquals("Cannot update a server that is not in provisioning mode", result.statusMsg());
  }

  @Test
  void refusesWithoutTheUpdateClaimBeforeLookingAtTheToken() {
    host.settings = host.settings.withAllowUpdate(false);

    ActionResult result = node.call(provision("release_update", "token", "wrong"));

    assertEquals(1, result.statusCode());
    assertEquals("Version updates is not enabled in the configuration", result.statusMsg());
    assertEquals(false, RpcutilAgent.inventory(node).get("upgradable"));
  }

  @Test
  void refusesAWrongToken() {
    ActionResult result = node.call(provision("release_update", "token", "wrong"));

    assertEquals("Incorrect provision token supplied", result.statusMsg());
  }

  @Test
  void refusesACallerWhileAnotherHoldsTheProvisioningLock() {
    node.call(provision("jwt", "token", "s3cret"));

    ActionResult result =
        node.call(
            Calls.call("choria_provision", "release_update", "x", "choria=x", "token", "s3cret"));

    assertEquals("Could not obtain provisioning lock", result.statusMsg());
  }

  @Test
  void answersAVersionThatIsNotAStringWithStatusFour() {
    ActionResult result =
        node.call(
            provision(
                "release_update", "token", "s3cret", "repository", repository.url(), "version", 1));

    assertEquals(4, result.statusCode(), result.toString());
  }

  @Test
  void keepsItsVersionWhenTheReleaseIsMissing() {
    ActionResult result = update("0.99.0");

    assertEquals(
        ROLLED_BACK
            + "release 0.99.0 not found: could not fetch release from "
            + repository.url()
            + "/0.99.0/linux/amd64/release.json: 404 Not Found",
        result.statusMsg());
    assertUnchanged();
  }

  @Test
  void keepsItsVersionWhenTheChecksumDoesNotMatch() {
    repository.publishWithHash(
        "0.99.0",
        EmulatedRelease.OS,
        EmulatedRelease.ARCH,
        EmulatedRelease.NAME,
        EmulatedRelease.binary("0.99.0"),
        UpdateRepository.sha256(new byte[] {42}));

    ActionResult result = update("0.99.0");

    assertEquals(ROLLED_BACK + "downloaded file had an invalid checksum", result.statusMsg());
    assertUnchanged();
  }

  @Test
  void theBadChecksumFaultFailsAGoodRelease() {
    publish("0.99.0");
    node.setFault(Fault.BAD_UPDATE_CHECKSUM, true);

    assertEquals(
        ROLLED_BACK + "downloaded file had an invalid checksum", update("0.99.0").statusMsg());
    assertUnchanged();
    node.setFault(Fault.BAD_UPDATE_CHECKSUM, false);
    assertEquals(0, update("0.99.0").statusCode());
  }

  @Test
  void neverComesBackAfterAnUpdateWithTheFaultOn() {
    publish("0.99.0");
    node.setFault(Fault.NEVER_RETURN_AFTER_UPDATE, true);

    assertEquals(0, update("0.99.0").statusCode());
    host.runScheduled();

    assertEquals(NodeMode.GONE, node.mode());
    assertEquals(List.of("0.99.0"), node.releaseUpdateHistory());
  }

  @Test
  void explainsARepositoryThatIsNotThereOrNotHttp() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed;
    ActionResult refused =
        node.call(
            provision("release_update", "token", "s3cret", "repository", url, "version", "0.99.0"));
    assertEquals(
        ROLLED_BACK
            + "release 0.99.0 not found: could not download release spec: Get \""
            + url
            + "/0.99.0/linux/amd64/release.json\": dial tcp 127.0.0.1:"
            + closed
            + ": connect: connection refused",
        refused.statusMsg());

    ActionResult ftp =
        node.call(
            provision(
                "release_update", "token", "s3cret", "repository", "ftp://x", "version", "0.99.0"));
    assertTrue(ftp.statusMsg().endsWith(": unsupported protocol scheme \"ftp\""), ftp.statusMsg());

    ActionResult none = node.call(provision("release_update", "token", "s3cret"));
    assertEquals(
        "Update to version  failed, release rolled back: invalid updater configuration:"
            + " no source repo given, please use SourceRepo()",
        none.statusMsg());
    assertUnchanged();
  }

  @Test
  void putsTheUpdateClaimIntoTheProvisioningJwt() throws Exception {
    JsonNode claims = claims(node.call(provision("jwt", "token", "s3cret")));
    assertTrue(claims.path("update").asBoolean(), claims.toString());

    host.settings = host.settings.withAllowUpdate(false);
    EmulatedNode plain = host.node("node3.lab.local");
    assertFalse(claims(plain.call(provision("jwt", "token", "s3cret"))).has("update"));
  }

  private static JsonNode claims(ActionResult jwt) throws Exception {
    String token = (String) jwt.data().get("jwt");
    return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
  }

  private void assertUnchanged() {
    host.runScheduled();
    assertEquals(List.of(), host.events, "a failed update publishes nothing and does not restart");
    assertEquals("0.30.2", node.version());
    assertEquals(0, node.releaseUpdateCount());
    assertEquals(NodeMode.PROVISIONING, node.mode());
  }
}
