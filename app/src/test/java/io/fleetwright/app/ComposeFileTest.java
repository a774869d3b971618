package io.fleetwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.TemporalServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private static final Set<String> ONE_SHOT =
      Set.of("temporal-schema", "temporal-namespace", "nats-certs");
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
                "temporal-schema",
                "temporal",
                "temporal-namespace",
                "temporal-ui",
                "nats-certs",
                "nats",
                "provisioner",
                "fleet")),
        new TreeSet<>(names()));
    assertTrue(
        service("temporal").path("image").asText().startsWith("temporalio/server:"),
        "the Temporal server is the official server image");
    for (String name : names()) {
      assertFalse(
          service(name).path("image").asText().startsWith("temporalio/auto-setup"),
          name + " uses the deprecated temporalio/auto-setup image");
    }
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
            .filter(image -> !List.of("runtime").contains(image))
            .toList();
    assertEquals(2, from.size(), "a build image and a runtime image: " + from);
    from.forEach(
        image ->
            assertTrue(PINNED.matcher(image).matches(), "Dockerfile FROM is not pinned: " + image));
    assertTrue(from.get(1).contains("-jre"), "the runtime stage is a JRE: " + from);
    assertEquals("Dockerfile", service("provisioner").path("build").path("dockerfile").asText());
  }

  /**
   * Stage name to the folder its {@code COPY --from=build} puts in /opt/fleetwright/lib, and what
   * each stage starts from.
   */
  private static Map<String, List<String>> stages() throws IOException {
    Map<String, List<String>> stages = new java.util.LinkedHashMap<>();
    String current = null;
    for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
      Matcher from = Pattern.compile("^FROM (\\S+) AS (\\S+)$").matcher(line);
      if (from.matches()) {
        current = from.group(2);
        stages.put(current, new java.util.ArrayList<>(List.of("from " + from.group(1))));
      } else if (current != null && !line.isBlank() && !line.startsWith("#")) {
        stages.get(current).add(line.strip());
      }
    }
    return stages;
  }

  @Test
  void theDefaultImageCarriesGraalVmAndTheSlimImageDoesNot() throws IOException {
    Map<String, List<String>> stages = stages();
    assertEquals(
        List.of("build", "runtime", "slim", "fleet", "full"), List.copyOf(stages.keySet()));
    assertTrue(
        stages
            .get("slim")
            .contains("COPY --from=build /src/app/target/lib-slim /opt/fleetwright/lib"),
        "slim: " + stages.get("slim"));
    assertTrue(
        stages.get("full").contains("COPY --from=build /src/app/target/lib /opt/fleetwright/lib"),
        "full: " + stages.get("full"));
    assertEquals("from runtime", stages.get("slim").get(0));
    assertEquals("from runtime", stages.get("full").get(0));
    assertTrue(
        stages.get("runtime").stream()
            .noneMatch(l -> l.startsWith("COPY") && l.endsWith("/opt/fleetwright/lib")),
        "the shared stage leaves lib/ to the two images: " + stages.get("runtime"));
    // Compose builds the last stage, the full image: its example config may name a .js helper.
    JsonNode build = service("provisioner").path("build");
    assertTrue(
        build.path("target").isMissingNode() || build.path("target").asText().equals("full"),
        build.toString());
    String pom = Files.readString(ROOT.resolve("app").resolve("pom.xml"));
    Matcher excluded = Pattern.compile("<excludeGroupIds>([^<]+)</excludeGroupIds>").matcher(pom);
    assertTrue(excluded.find(), "app/pom.xml builds no lib-slim without GraalVM");
    for (String group : excluded.group(1).split(",")) {
      assertTrue(group.startsWith("org.graalvm."), "lib-slim leaves out only GraalVM: " + group);
    }
  }

  @Test
  void theFleetRunsTheToolsFromItsOwnImageAndTheProvisionerImagesCarryNoEmulator()
      throws IOException {
    Map<String, List<String>> stages = stages();
    List<String> fleet = stages.get("fleet");
    assertTrue(
        fleet.contains("COPY --from=build /src/tools/target/lib /opt/fleetwright/lib"), "" + fleet);
    assertTrue(
        fleet.stream().anyMatch(l -> l.contains("\"io.fleetwright.tools.Main\"")),
        "the fleet stage starts the tools' main class, which has the fleet command: " + fleet);
    for (String image : List.of("runtime", "slim", "full")) {
      assertTrue(
          stages.get(image).stream().noneMatch(l -> l.contains("/src/tools/")),
          image + " carries the emulator: " + stages.get(image));
    }
    JsonNode build = service("fleet").path("build");
    assertEquals("fleet", build.path("target").asText(), "compose's fleet service: " + build);
    assertNotEquals(
        service("provisioner").path("image").asText(),
        service("fleet").path("image").asText(),
        "the fleet has its own image");
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
    Set<String> provisionerNeeds = new TreeSet<>();
    service("provisioner").path("depends_on").fieldNames().forEachRemaining(provisionerNeeds::add);
    assertEquals(Set.of("nats", "temporal-namespace", "temporal"), provisionerNeeds);
    assertEquals(
        "service_completed_successfully",
        service("temporal").path("depends_on").path("temporal-schema").path("condition").asText(),
        "the server starts on a database whose schema is set up");
    assertTrue(service("temporal-schema").path("depends_on").has("postgresql"));
  }

  @Test
  void temporalRunsOnPostgresAndTheUiFindsIt() {
    JsonNode env = service("temporal").path("environment");
    assertEquals("postgres12", env.path("DB").asText());
    assertEquals(
        Integer.toString(TemporalServerOptions.DEFAULT_HISTORY_SHARDS),
        env.path("NUM_HISTORY_SHARDS").asText(),
        "the shard count ProductionStackIT runs with");
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
    String command = service("temporal-namespace").path("command").toString();
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

  @Test
  void theSchemaJobSetsUpBothDatabasesWithTemporalsSqlTool() {
    JsonNode job = service("temporal-schema");
    String command = job.path("command").toString();
    for (String step :
        List.of(
            "temporal-sql-tool --db \\\"$$name\\\" create-database",
            "setup-schema -v 0.0",
            "update-schema --schema-name",
            "temporal=postgresql/v12/temporal",
            "temporal_visibility=postgresql/v12/visibility")) {
      assertTrue(command.contains(step), "'" + step + "' missing in " + command);
    }
    JsonNode env = job.path("environment");
    JsonNode db = service("postgresql").path("environment");
    assertEquals("postgres12", env.path("SQL_PLUGIN").asText());
    assertEquals("postgresql", env.path("SQL_HOST").asText());
    assertEquals(db.path("POSTGRES_USER").asText(), env.path("SQL_USER").asText());
    assertEquals(db.path("POSTGRES_PASSWORD").asText(), env.path("SQL_PASSWORD").asText());
  }

  @Test
  void theServerAndItsToolsAreTheVersionMakeSetupBuildsForTheTests() throws IOException {
    Matcher m =
        Pattern.compile("(?m)^TEMPORAL_SERVER_VERSION=v(\\S+)$")
            .matcher(Files.readString(ROOT.resolve("bin/setup")));
    assertTrue(m.find(), "bin/setup has no TEMPORAL_SERVER_VERSION=v... line");
    String version = m.group(1);
    assertEquals("temporalio/server:" + version, service("temporal").path("image").asText());
    for (String job : List.of("temporal-schema", "temporal-namespace")) {
      String image = service(job).path("image").asText();
      assertTrue(
          image.startsWith("temporalio/admin-tools:" + version + "-"),
          job + " runs the tools of server " + version + ", got " + image);
    }
  }

  @Test
  void theServerReadsTheDynamicConfigProductionStackItUses() throws IOException {
    String path = service("temporal").path("environment").path("DYNAMIC_CONFIG_FILE_PATH").asText();
    Path file = mountedSource("temporal", path).orElseThrow(() -> new AssertionError(path));
    assertEquals(ROOT.resolve("ops/compose/dynamicconfig.yaml"), file.normalize());
    JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    assertTrue(config.size() > 0, "no settings in " + file);
    config
        .properties()
        .forEach(
            e -> {
              JsonNode values = e.getValue();
              assertTrue(
                  values.isArray() && values.size() > 0 && values.get(0).has("value"),
                  e.getKey() + " must be a list of {value, constraints}, got " + values);
            });
    assertEquals(
        "false",
        config.path("frontend.enableServerVersionCheck").path(0).path("value").asText(),
        "no call home from an offline cluster");
    assertTrue(
        config.path("frontend.namespaceRPS.visibility").path(0).path("value").asInt() >= 100,
        "the operator's counts per state need more than Temporal's default 10 visibility calls/s");
  }

  @Test
  void theProvisionerHealthcheckAsksItsOwnHealthzEndpoint() {
    Path file = mountedSource("provisioner", "/etc/fleetwright/provisioner.yaml").orElseThrow();
    ProvisionerConfig config = ConfigLoader.load(file);
    String test = service("provisioner").path("healthcheck").path("test").toString();
    assertTrue(
        test.contains("/dev/tcp/127.0.0.1/" + config.monitorPort()) && test.contains("/healthz"),
        "the healthcheck must GET /healthz on monitor_port " + config.monitorPort() + ": " + test);
    assertTrue(test.contains(" 200 "), "only a 200 is healthy: " + test);
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
