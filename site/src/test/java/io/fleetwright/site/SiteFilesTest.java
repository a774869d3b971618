package io.fleetwright.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiteFilesTest {

  static final String LAMP_YAML =
      """
      environment: production
      code_id: null
      applications:
        "Lamp[app2]":
          "Lamp::Mysql[app2]": {produces: ["Sql[app2]"], consumes: [], node: dev1.devco.net}
          "Lamp::Webapp[app2-1]": {consumes: ["Sql[app2]"], node: dev2.devco.net}
          "Lamp::Webapp[app2-2]": {consumes: ["Sql[app2]"], node: dev3.devco.net}
          "Lamp::Webapp[app2-3]": {consumes: ["Sql[app2]"], node: dev4.devco.net}
        "Lamp[app1]":
          "Lamp::Mysql[app1]":
            produces: ["Sql[app1]"]
            node: dev1.devco.net
          "Lamp::Webapp[app1-1]":
            consumes: ["Sql[app1]"]
            node: dev2.devco.net
          "Lamp::Webapp[app1-2]":
            consumes: ["Sql[app1]"]
            node: dev3.devco.net
          "Lamp::Webapp[app1-3]":
            consumes: ["Sql[app1]"]
            node: dev4.devco.net
      """;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "env-graph-sample-lamp.json",
        "env-graph-cyclic-lamp.json",
        "env-graph-puppet-doc-webapp.json"
      })
  void loadsEveryChoriaSampleUnchangedAndWritesItBackToTheSameModel(String sample)
      throws IOException {
    SiteFile site = SiteFiles.load(shared().resolve("choria").resolve(sample));

    assertEquals(1, site.schemaVersion());
    assertEquals("production", site.environment());
    assertNull(site.codeId());
    assertEquals(SitePolicy.DEFAULTS, site.policy());
    assertEquals(site, load("again.json", SiteFiles.toJson(site)));
  }

  @Test
  void theLampSampleHasItsComponentsOnTheirNodes() {
    SiteFile site = SiteFiles.load(shared().resolve("choria/env-graph-sample-lamp.json"));

    assertEquals(2, site.applications().size());
    SiteComponent mysql =
        site.applications()
            .get(ResourceRef.parse("Lamp[app1]"))
            .components()
            .get(ResourceRef.parse("Lamp::Mysql[app1]"));
    assertEquals(SiteComponent.on("dev1.devco.net").producing("Sql[app1]"), mysql);
  }

  @Test
  void aYamlSiteLoadsToTheSameModelAsTheJsonSample() throws IOException {
    SiteFile json = SiteFiles.load(shared().resolve("choria/env-graph-sample-lamp.json"));

    assertEquals(json, load("lamp.yaml", LAMP_YAML));
    assertEquals(json, load("lamp-without-extension", LAMP_YAML));
    assertEquals(json, load("json-without-extension", SiteFiles.toJson(json)));
  }

  @Test
  void readsTheSiteFileExtensionsAndIgnoresXKeys() throws IOException {
    SiteFile site =
        load(
            "site.yml",
            """
            schemaVersion: 1
            environment: production
            x-owner: platform team
            applications:
              "Lamp[app1]":
                "Lamp::Mysql[app1]": {node: dev1.example.net, produces: ["Sql[app1]"], x-note: db}
                "Lamp::Webapp[app1-1]":
                  node: dev2.example.net
                  consumes: ["Sql[app1]"]
                  requires: ["Lamp::Mysql[app1]"]
            nodes:
              dev1.example.net:
                runTimeoutSeconds: 1800
                labels: {role: db, dc: ams}
            policy:
              batch: [1, "25%", "100%"]
              pauseAfterFirstBatch: true
              onFailure: skip-dependents
              environment: production
              tags: [lamp]
              runTimeoutSeconds: 900
              x-ticket: OPS-1
            """);

    assertEquals(
        new SiteNode(1800, Map.of("role", "db", "dc", "ams")),
        site.nodes().get("dev1.example.net"));
    assertEquals(BatchSchedule.parse("1,25%,100%"), site.policy().batch());
    assertTrue(site.policy().pauseAfterFirstBatch());
    assertEquals(SitePolicy.OnFailure.SKIP_DEPENDENTS, site.policy().onFailure());
    assertEquals("production", site.policy().environment());
    assertEquals(List.of("lamp"), site.policy().tags());
    assertEquals(900, site.policy().runTimeoutSeconds());
    assertEquals(200, site.policy().startTimeoutSeconds());
    assertEquals(
        List.of(ResourceRef.parse("Lamp::Mysql[app1]")),
        site.applications()
            .get(ResourceRef.parse("Lamp[app1]"))
            .components()
            .get(ResourceRef.parse("Lamp::Webapp[app1-1]"))
            .requires());
    assertEquals(site, load("again.json", SiteFiles.toJson(site)));
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.yaml");

    assertFails(missing, "site file " + missing + " does not exist; pass the path");
  }

  @Test
  void anEmptyFileIsNamed() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "\n  \n");

    assertFails(empty, "empty.yaml is empty; a site file needs at least 'environment' and");
  }

  Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  SiteFile load(String name, String content) throws IOException {
    return SiteFiles.load(write(name, content));
  }

  static String assertFails(Path file, String expected) {
    SiteException e = assertThrows(SiteException.class, () -> SiteFiles.load(file));
    assertTrue(
        e.getMessage().contains(expected),
        () -> "expected to find\n" + expected + "\nin\n" + e.getMessage());
    return e.getMessage();
  }

  static Path shared() {
    String dir = System.getProperty("fleetwright.shared");
    return dir == null || dir.isBlank() ? Path.of("..", "..", "shared") : Path.of(dir);
  }
}
