package io.fleetwright.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalServerIT {

  @Test
  void theRealServerRunsOnPostgresWithShardsNamespaceAndSearchAttributesAndSurvivesARestart(
      @TempDir Path dir) {
    TemporalServerOptions options =
        TemporalServerOptions.builder()
            .workDir(dir)
            .historyShards(8)
            .searchAttributes(Map.of("ProvisioningState", "Keyword", "ProvisioningAttempt", "Int"))
            .build();
    try (TemporalServer temporal = TemporalServer.start(options)) {
      String list = temporal.cli("operator", "search-attribute", "list").output();
      assertTrue(list.contains("ProvisioningState"), list);
      assertTrue(list.contains("ProvisioningAttempt"), list);
      assertEquals("8", sql(temporal, "temporal", "SELECT count(*) FROM shards"));
      assertEquals(
          "1", sql(temporal, "temporal_visibility", "SELECT count(*) FROM schema_version"));
      TemporalDevServer.CliResult started =
          temporal.cli(
              "workflow", "start", "--type", "Probe", "--task-queue", "probe", "-w", "probe-1");
      assertEquals(0, started.exitCode(), started.output());

      long before = temporal.pid();
      temporal.restart();
      assertNotEquals(before, temporal.pid(), "a new server process");
      TemporalDevServer.CliResult described =
          temporal.cli("workflow", "describe", "-w", "probe-1", "--output", "json");
      assertEquals(0, described.exitCode(), described.output());
      assertTrue(
          described.output().contains("WORKFLOW_EXECUTION_STATUS_RUNNING"), described.output());
      String again = temporal.cli("operator", "search-attribute", "list").output();
      assertTrue(again.contains("ProvisioningState"), again);
    }
  }

  @Test
  void aServerThatCannotStartIsReportedWithItsOutputAndLeavesNoPostgresBehind(@TempDir Path dir)
      throws IOException {
    Path fake = dir.resolve("broken-temporal-server");
    Files.writeString(fake, "#!/bin/sh\necho 'config error: something specific' >&2\nexit 3\n");
    assertTrue(fake.toFile().setExecutable(true));
    Set<Path> clustersBefore = postgresFolders();
    DevStackException e =
        assertThrows(
            DevStackException.class,
            () ->
                TemporalServer.start(
                    TemporalServerOptions.builder()
                        .workDir(dir.resolve("work"))
                        .serverBinary(fake)
                        .startTimeout(Duration.ofSeconds(30))
                        .build()));
    assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
    assertTrue(e.getMessage().contains("config error: something specific"), e.getMessage());
    assertTrue(e.getMessage().contains(fake.toString()), e.getMessage());
    Set<Path> left = postgresFolders();
    left.removeAll(clustersBefore);
    assertEquals(Set.of(), left, "the throwaway PostgreSQL cluster is stopped and deleted");
  }

  @Test
  void aMissingDynamicConfigFileIsRefusedWithTheFieldName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TemporalServerOptions.builder()
                    .dynamicConfigFile(Path.of("/no/such/dynamicconfig.yaml"))
                    .build());
    assertTrue(e.getMessage().startsWith("dynamicConfigFile /no/such"), e.getMessage());
  }

  private static String sql(TemporalServer temporal, String db, String query) {
    PostgresCluster pg = temporal.postgres();
    Commands.Result r =
        Commands.run(
            List.of(
                temporal.options().postgresBin().resolve("psql").toString(),
                "-h",
                pg.host(),
                "-p",
                Integer.toString(pg.port()),
                "-U",
                pg.user(),
                "-d",
                db,
                "-tAc",
                query),
            Map.of("PGPASSWORD", pg.password()),
            null,
            Duration.ofSeconds(30));
    assertTrue(r.ok(), r.output());
    return r.output().strip();
  }

  private static Set<Path> postgresFolders() throws IOException {
    try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return tmp.filter(p -> p.getFileName().toString().startsWith("fleetwright-postgres-"))
          .collect(Collectors.toSet());
    }
  }
}
