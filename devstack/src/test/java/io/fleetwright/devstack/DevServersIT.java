package io.fleetwright.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevServersIT {

  @Test
  void natsServerAcceptsConnectionsAndComesBackOnTheSamePortAfterARestart() {
    try (NatsServer nats = NatsServer.start(NatsServerOptions.builder().build())) {
      assertTrue(ManagedProcess.portOpen("127.0.0.1", nats.port()), nats.url());
      int port = nats.port();
      nats.restart();
      assertEquals(port, nats.port());
      assertTrue(ManagedProcess.portOpen("127.0.0.1", port), "after restart: " + nats.url());
    }
  }

  @Test
  void aClosedNatsServerStopsListening() {
    NatsServer nats = NatsServer.start(NatsServerOptions.builder().build());
    int port = nats.port();
    nats.close();
    assertFalse(ManagedProcess.portOpen("127.0.0.1", port), "port " + port + " still open");
  }

  @Test
  void aFailedStartCarriesTheCommandAndTheOutputTail(@TempDir Path dir) throws Exception {
    Path fake = dir.resolve("broken-nats");
    Files.writeString(fake, "#!/bin/sh\necho 'config error: something specific' >&2\nexit 3\n");
    fake.toFile().setExecutable(true);
    DevStackException e =
        assertThrows(
            DevStackException.class,
            () -> NatsServer.start(NatsServerOptions.builder().binary(fake).build()));
    assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
    assertTrue(e.getMessage().contains("config error: something specific"), e.getMessage());
    assertTrue(e.getMessage().contains(fake.toString()), e.getMessage());
  }

  @Test
  void theTunedDevServerGetsItsDynamicConfigAndGoSettings(@TempDir Path dir) throws Exception {
    Path seen = dir.resolve("seen.txt");
    Path fake = dir.resolve("recording-temporal");
    Files.writeString(
        fake,
        "#!/bin/sh\necho \"$@\" > "
            + seen
            + "\necho GOGC=$GOGC GOMEMLIMIT=$GOMEMLIMIT >> "
            + seen
            + "\nexit 3\n");
    fake.toFile().setExecutable(true);
    TemporalDevServerOptions options =
        TemporalDevServerOptions.builder()
            .binary(fake)
            .workDir(dir.resolve("work"))
            .tunedForThroughput()
            .build();
    assertThrows(DevStackException.class, () -> TemporalDevServer.start(options));
    String recorded = Files.readString(seen);
    assertTrue(recorded.contains("system.enableActivityEagerExecution=true"), recorded);
    assertTrue(recorded.contains("matching.numTaskqueueReadPartitions=1"), recorded);
    assertTrue(recorded.contains("matching.numTaskqueueWritePartitions=1"), recorded);
    assertTrue(recorded.contains("GOGC=400 GOMEMLIMIT=1GiB"), recorded);
    assertTrue(recorded.contains("system.forceSearchAttributesCacheRefreshOnRead=false"), recorded);
  }

  @Test
  void temporalDevServerRegistersSearchAttributesAndKeepsThemAcrossARestart(@TempDir Path dir) {
    TemporalDevServerOptions options =
        TemporalDevServerOptions.builder()
            .workDir(dir)
            .searchAttribute("ProvisioningState", "Keyword")
            .searchAttribute("ProvisioningAttempt", "Int")
            .build();
    try (TemporalDevServer temporal = TemporalDevServer.start(options)) {
      String list = temporal.cli("operator", "search-attribute", "list").output();
      assertTrue(list.contains("ProvisioningState"), list);
      assertTrue(list.contains("ProvisioningAttempt"), list);
      temporal.restart();
      String again = temporal.cli("operator", "search-attribute", "list").output();
      assertTrue(again.contains("ProvisioningState"), again);
      assertTrue(Files.exists(dir.resolve("temporal.db")), "SQLite file missing in " + dir);
    }
  }
}
