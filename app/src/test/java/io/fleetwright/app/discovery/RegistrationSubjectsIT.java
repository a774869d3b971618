package io.fleetwright.app.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.api.Features;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.ChoriaCodec;
import io.fleetwright.protocol.RegistrationData;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Registration data starts a node whichever subject it comes on: {@code
 * provisioning.registration.data} from current servers, {@code choria.provisioning_data} from older
 * ones. A real nats-server and the real client; only the Temporal side is a fake.
 */
class RegistrationSubjectsIT {
  @Test
  void registrationDataOnEitherSubjectReachesTheStarter() throws Exception {
    Map<String, String> started = new java.util.concurrent.ConcurrentHashMap<>();
    NodeStarter.Runs runs =
        new NodeStarter.Runs() {
          @Override
          public Optional<String> startFirst(ProvisionInput input) {
            started.put(input.identity(), input.discoveredBy());
            return Optional.of("run-" + input.identity());
          }

          @Override
          public NodeStarter.LastRun latest(String identity) {
            throw new AssertionError("a first sighting needs no earlier run");
          }

          @Override
          public Optional<String> startAgain(ProvisionInput input, WorkflowIdReusePolicy reuse) {
            throw new AssertionError("a first sighting starts a first run");
          }
        };
    NodeStarter starter =
        new NodeStarter(
            runs,
            (identity, source) ->
                ProvisionInput.of(identity.value(), "test", Features.NONE, source.label()),
            () -> false,
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            Duration.ofMinutes(5),
            Clock.systemUTC());
    ChoriaCodec codec = new ChoriaCodec();
    try (NatsServer nats = Fixtures.startNats();
        ChoriaClient client =
            ChoriaClient.builder().natsUrl(nats.url()).identity("prov.lab.local").connect();
        Connection server = Nats.connect(nats.url());
        Discovery discovery =
            new Discovery(
                client,
                starter,
                new NodeAdmission(4, NodeAdmission.EXPIRY, Clock.systemUTC()),
                ConfigLoader.parse(
                    "discovery: {lifecycle: false, registration: true, broadcast: false}"),
                new SimpleMeterRegistry())) {
      discovery.start();
      server.publish("provisioning.registration.data", registration(codec, "new.lab.local"));
      server.publish("choria.provisioning_data", registration(codec, "old.lab.local"));

      Await.until(Duration.ofSeconds(10), () -> started.size() == 2, started::toString);
      assertEquals(
          Map.of("new.lab.local", "registration", "old.lab.local", "registration"),
          new TreeMap<>(started));
    }
  }

  private static byte[] registration(ChoriaCodec codec, String identity) {
    return codec.encodeRegistration(
        RegistrationData.of(identity, "/r.json", 1L, false, "{}".getBytes(StandardCharsets.UTF_8)),
        "choria=" + identity,
        Instant.now());
  }
}
