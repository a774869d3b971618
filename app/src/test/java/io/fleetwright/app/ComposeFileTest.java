package io.fleetwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.app.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so this reads docker-compose.yml and the files it mounts, and checks
 * what {@code docker compose up} relies on: pinned images, ports, healthchecks, start order,
 * environment, and a provisioner config that our own loader accepts and that points at the compose
 * services.
 */
class ComposeFileTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern PINNED = Pattern.compile("[\\w./-]+:[\\w.-]*\\d[\\w.-]*");
  private static final Set<String> ONE_SHOT = Set.of("search-attributes", "nats-certs");
  private static JsonNode services;

  @BeforeAll
  static void readTheComposeFile() throws IOException {
    Path compose = ROOT.resolve("docker-compose.yml");
    assertTrue(Files.isRegularFile(compose), compose + " is missing");
    services = new ObjectMapper(new YAMLFactory()).readTree(compose.toFile()).path("services");
  }

  private static JsonNode service(String name) {
    JsonNode s = services.path(name);
    assertFalse(s.isMissingNode(), "docker-compose.yml has no service " + name);
    return s;
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void itHasEveryServiceTheProductNeeds() {
    assertEquals(
        new TreeSet<>(
            List.of(
                "postgresql",
                "temporal",
                "search-attributes",
                "temporal-ui",
                "nats-certs",
                "nats",
                "provisioner",
                "fleet")),
        new TreeSet<>(names()));
    assertTrue(
        service("temporal").path("image").asText().startsWith("temporalio/auto-setup:"),
        "the Temporal server is the official auto-setup image");
    assertTrue(service("temporal-ui").path("image").asText().startsWith("temporalio/ui:"));
    assertEquals("[\"fleet\"]", service("fleet").path("profiles").toString());
  }

  @Test
  void everyImageIsPinnedToAVersion() throws IOException {
    for (String name : names()) {
      String image = service(name).path("image").asText();
      assertTrue(
          PINNED.matcher(image).matches() && !image.endsWith(":latest") && !image.contains("${"),
          name + " image must carry a version tag, got '" + image + "'");
    }
    List<String> from =
        Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
            .filter(l -> l.startsWith("FROM "))
            .map(l -> l.split("\\s+")[1])
            .toList();
    assertEquals(2, from.size(), "a build stage and a runtime stage: " + from);
    from.forEach(
        image ->
            assertTrue(PINNED.matcher(image).matches(), "Dockerfile FROM is not pinned: " + image));
    assertTrue(from.get(1).contains("-jre"), "the runtime stage is a JRE: " + from);
    assertEquals("Dockerfile", service("provisioner").path("build").path("dockerfile").asText());
  }

  @Test
  void theImageBuildCopiesEveryReactorModule() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    List<String> dockerfile = Files.readAllLines(ROOT.resolve("Dockerfile"));
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    int modules = 0;
    while (m.find()) {
      String module = m.group(1);
      modules++;
      assertTrue(
          dockerfile.contains("COPY " + module + " " + module),
          "the Dockerfile's build stage lacks 'COPY " + module + " " + module + "'");
    }
    assertTrue(modules >= 9, "found only " + modules + " modules in pom.xml");
  }

  @Test
  void theUserFacingPortsArePublished() {
    assertEquals(Set.of("7233"), containerPorts("temporal"));
    assertEquals(Set.of("8080"), containerPorts("temporal-ui"));
    assertEquals(Set.of("4222", "8222"), containerPorts("nats"));
    assertEquals(Set.of("9090"), containerPorts("provisioner"));
    assertEquals(Set.of(), containerPorts("postgresql"), "the database stays private");
  }

  private static Set<String> containerPorts(String name) {
    Set<String> ports = new TreeSet<>();
    service(name).path("ports").forEach(p -> ports.add(p.asText().replaceAll(".*:", "")));
    return ports;
  }

  @Test
  void everyLongRunningServiceHasAHealthcheckAndOneShotsDoNotRestart() {
    for (String name : names()) {
      JsonNode s = service(name);
      if (ONE_SHOT.contains(name)) {
        assertEquals("no", s.path("restart").asText(), name + " runs once");
        continue;
      }
      JsonNode test = s.path("healthcheck").path("test");
      assertTrue(
          test.isArray() && test.size() >= 2 && test.get(0).asText().startsWith("CMD"),
          name + " needs a healthcheck test, got " + test);
    }
  }

  @Test
  void servicesStartOnlyWhenWhatTheyNeedIsHealthyOrDone() {
    for (String name : names()) {
      service(name)
          .path("depends_on")
          .properties()
          .forEach(
              e -> {
                String expected =
                    ONE_SHOT.contains(e.getKey())
                        ? "service_completed_successfully"
                        : "service_healthy";
                assertTrue(services.has(e.getKey()), name + " depends on unknown " + e.getKey());
                assertEquals(
                    expected,
                    e.getValue().path("condition").asText(),
                    name + " depends_on " + e.getKey());
              });
    }
    assertTrue(service("temporal").path("depends_on").has("postgresql"));
    Set<String> provisionerNeeds = new TreeSet<>();
    service("provisioner").path("depends_on").fieldNames().forEachRemaining(provisionerNeeds::add);
    assertEquals(Set.of("nats", "search-attributes", "temporal"), provisionerNeeds);
  }

  @Test
  void temporalRunsOnPostgresAndTheUiFindsIt() {
    JsonNode env = service("temporal").path("environment");
    assertEquals("postgres12", env.path("DB").asText());
    assertEquals("postgresql", env.path("POSTGRES_SEEDS").asText());
    assertEquals(
        service("postgresql").path("environment").path("POSTGRES_USER").asText(),
        env.path("POSTGRES_USER").asText());
    assertEquals(
        service("postgresql").path("environment").path("POSTGRES_PASSWORD").asText(),
        env.path("POSTGRES_PWD").asText());
    assertEquals(
        "temporal:7233",
        service("temporal-ui").path("environment").path("TEMPORAL_ADDRESS").asText());
  }

  @Test
  void ourSearchAttributesAreRegistered() {
    String command = service("search-attributes").path("command").toString();
    SearchAttributeKeys.REGISTRATION.forEach(
        (name, type) ->
            assertTrue(
                command.contains(name + "=" + type), name + "=" + type + " missing in " + command));
  }

  @Test
  void natsOffersTlsWithTheCertificateTheOneShotMakes() throws IOException {
    String conf = Files.readString(mountedSource("nats", "/etc/nats/nats.conf").orElseThrow());
    assertTrue(conf.contains("allow_non_tls: true"), conf);
    assertTrue(conf.matches("(?s).*tls \\{.*cert_file: \"/certs/nats.pem\".*}.*"), conf);
    String certsVolume = volumeFor("nats", "/certs");
    assertEquals(
        certsVolume, volumeFor("nats-certs", "/certs"), "nats reads what nats-certs wrote");
    assertTrue(Files.isExecutable(ROOT.resolve("ops/compose/make-certs.sh")));
  }

  @Test
  void theProvisionerConfigLoadsAndPointsAtTheComposeServices() {
    Path file = mountedSource("provisioner", "/etc/fleetwright/provisioner.yaml").orElseThrow();
    ProvisionerConfig config = ConfigLoader.load(file);
    assertEquals("temporal:7233", config.temporal().target());
    assertEquals(List.of("nats://nats:4222"), config.nats().servers());
    assertEquals(Set.of(Integer.toString(config.monitorPort())), containerPorts("provisioner"));
    assertEquals("0.0.0.0", config.monitorAddress(), "reachable from outside the container");
    String helper = config.helper().orElseThrow();
    assertTrue(helper.startsWith("/opt/fleetwright/helpers/examples/"), helper);
    Path inRepo = ROOT.resolve(helper.substring("/opt/fleetwright/".length()));
    assertTrue(Files.isRegularFile(inRepo), "the image copies helpers/examples; missing " + inRepo);
    String fleet = service("fleet").path("command").toString();
    assertTrue(
        fleet.contains("\"--token\",\"" + config.token().value() + "\""),
        "the fleet expects the provisioner's token: " + fleet);
    assertTrue(fleet.contains("nats://nats:4222"), fleet);
  }

  @Test
  void everyBindMountedFileIsInTheRepository() {
    for (String name : names()) {
      service(name)
          .path("volumes")
          .forEach(
              v -> {
                String source = v.asText().split(":")[0];
                if (source.startsWith("./")) {
                  assertTrue(
                      Files.exists(ROOT.resolve(source)), name + " mounts missing " + source);
                }
              });
    }
  }

  private static Optional<Path> mountedSource(String service, String target) {
    for (JsonNode v : service(service).path("volumes")) {
      String[] parts = v.asText().split(":");
      if (parts.length >= 2 && parts[1].equals(target) && parts[0].startsWith("./")) {
        return Optional.of(ROOT.resolve(parts[0]));
      }
    }
    return Optional.empty();
  }

  private static String volumeFor(String service, String target) {
    for (JsonNode v : service(service).path("volumes")) {
      String[] parts = v.asText().split(":");
      if (parts.length >= 2 && parts[1].equals(target)) {
        return parts[0];
      }
    }
    throw new AssertionError(service + " mounts nothing at " + target);
  }
}
