package io.fleetwright.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.fleet.internal.RetryingTargets;
import io.fleetwright.testing.TinyDnsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetResolversTest {
  @TempDir Path dir;

  @Test
  void normalisesAStaticList() {
    assertEquals(
        List.of("nats://a.example:4222", "nats://10.0.0.1:4333"),
        TargetResolvers.of("a.example:4222", "nats://10.0.0.1:4333").resolve());
  }

  @Test
  void refusesAUrlWithoutAPort() {
    FleetException e =
        assertThrows(FleetException.class, () -> TargetResolvers.of("nats://a.example"));
    assertTrue(e.getMessage().contains("needs a host and a port"), e.getMessage());
  }

  @Test
  void readsAFileOfUrlsSkippingComments() throws Exception {
    Path file = dir.resolve("brokers.txt");
    Files.writeString(file, "# brokers\nnats://b1:4222, b2:4222\n\n");
    assertEquals(
        List.of("nats://b1:4222", "nats://b2:4222"), TargetResolvers.urlFile(file).resolve());
  }

  @Test
  void mapsAHintFileThroughTheBrokerTable() throws Exception {
    Path hint = dir.resolve("hint.json");
    Files.writeString(hint, "{\"datacenter\":\"ams1\"}");
    TargetResolver resolver =
        TargetResolvers.hintFile(
            hint, "datacenter", Map.of("ams1", "nats://broker.ams1:4222", "fra1", "fra:4222"));
    assertEquals(List.of("nats://broker.ams1:4222"), resolver.resolve());
  }

  @Test
  void namesTheFieldAndTheKnownEntriesWhenAHintIsUnknown() throws Exception {
    Path hint = dir.resolve("hint.json");
    Files.writeString(hint, "{\"datacenter\":\"syd1\"}");
    FleetException e =
        assertThrows(
            FleetException.class,
            () -> TargetResolvers.hintFile(hint, "datacenter", Map.of("ams1", "a:1")).resolve());
    assertTrue(e.getMessage().contains("datacenter 'syd1'"), e.getMessage());
    assertTrue(e.getMessage().contains("[ams1]"), e.getMessage());
  }

  @Test
  void looksUpSrvRecordsInPriorityOrder() throws Exception {
    try (TinyDnsServer dns =
        new TinyDnsServer(
            Map.of(
                "_choria-provisioner._tcp.lab.example",
                List.of(
                    new TinyDnsServer.Srv(20, 0, 4222, "backup.lab.example"),
                    new TinyDnsServer.Srv(10, 5, 4223, "main.lab.example"))))) {
      List<String> urls = TargetResolvers.dnsSrv("lab.example", dns.address()).resolve();
      assertEquals(List.of("nats://main.lab.example:4223", "nats://backup.lab.example:4222"), urls);
    }
  }

  @Test
  void saysWhichSrvNameIsMissing() throws Exception {
    try (TinyDnsServer dns = new TinyDnsServer(Map.of())) {
      FleetException e =
          assertThrows(
              FleetException.class,
              () -> TargetResolvers.dnsSrv("nowhere.example", dns.address()).resolve());
      assertTrue(
          e.getMessage().contains("_choria-provisioner._tcp.nowhere.example"), e.getMessage());
    }
  }

  @Test
  void retriesWithExponentialBackoffUntilABrokerIsFound() {
    AtomicInteger calls = new AtomicInteger();
    TargetResolver flaky =
        new TargetResolver() {
          @Override
          public List<String> resolve() {
            if (calls.incrementAndGet() < 6) {
              throw new FleetException("not yet");
            }
            return List.of("nats://found:4222");
          }

          @Override
          public String describe() {
            return "flaky";
          }
        };
    List<Duration> waits = new ArrayList<>();
    RetryingTargets retrying =
        new RetryingTargets(flaky, Duration.ofMillis(100), Duration.ofMillis(1000), waits::add);
    assertEquals(List.of("nats://found:4222"), retrying.resolve());
    assertEquals(
        List.of(100L, 200L, 400L, 800L, 1000L), waits.stream().map(Duration::toMillis).toList());
  }

  @Test
  void stopsRetryingWhenInterrupted() throws Exception {
    TargetResolver never = TargetResolvers.urlFile(dir.resolve("missing.txt"));
    TargetResolver retrying =
        TargetResolvers.retrying(never, Duration.ofMillis(50), Duration.ofSeconds(10));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Boolean> flagKept = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread worker =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    retrying.resolve();
                  } catch (Throwable t) {
                    failure.set(t);
                    flagKept.set(Thread.currentThread().isInterrupted());
                  }
                  done.countDown();
                });
    worker.interrupt();
    assertTrue(done.await(10, TimeUnit.SECONDS), "resolve() must return after an interrupt");
    FleetException e = assertInstanceOf(FleetException.class, failure.get());
    assertTrue(
        e.getMessage().startsWith("Interrupted while looking for provisioning brokers"),
        e.getMessage());
    assertTrue(flagKept.get(), "the interrupt flag stays set");
  }
}
