package io.fleetwright.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.NatsServerOptions;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.RpcResult;
import io.fleetwright.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends the same provisioning-mode RPCs to a real go-choria server and to one node of our emulated
 * fleet and compares the replies' shapes: status code, data keys in order, and error messages (with
 * each node's own config folder written as {@code <dir>}). Any drift of the emulator from the real
 * server shows up here.
 */
class EmulatorMatchesRealServerIT {
  private static final String TOKEN = RealServerProvisioningIT.TOKEN;

  @Test
  void theEmulatorAnswersEveryProvisioningCallLikeTheRealServer(@TempDir Path dir)
      throws Exception {
    Path bin = ChoriaBinary.ensure();
    NatsServerOptions.Tls tls = BrokerTls.issue(dir.resolve("ca"), dir.resolve("broker"));
    try (NatsServer nats =
            NatsServer.start(
                NatsServerOptions.builder().binary(bin.resolve("nats-server")).tls(tls).build());
        WireTap tap = new WireTap(nats.url())) {
      Path jwt =
          RealServerProvisioningIT.provisioningJwt(
              bin.resolve("choria"), dir.resolve("jwt"), nats.url());
      String real = "real.interop.fleetwright";
      try (RealServer server =
              RealServer.start(bin.resolve("choria"), real, dir.resolve(real), jwt);
          Fleet fleet =
              Fleet.builder()
                  .nodes(1)
                  .natsUrl(nats.url())
                  .token(TOKEN)
                  .identityPattern("emulated%d.interop.fleetwright")
                  .build()
                  .start();
          ChoriaClient client =
              ChoriaClient.builder()
                  .natsUrl(nats.url())
                  .identity("fleetwright.interop")
                  .callerId("choria=fleetwright.interop")
                  .connect()) {
        String emulated = fleet.nodes().get(0).identity();
        Await.until(
            Duration.ofMinutes(1),
            () -> RealServerProvisioningIT.startedInProvisioningMode(tap, real),
            () -> "no startup event from " + real + ":\n" + server.log());
        List<String> fromReal = shapes(client, real);
        List<String> fromEmulator = shapes(client, emulated);
        System.out.println("interop: real server replies " + fromReal);
        assertEquals(fromReal, fromEmulator, "real server (expected) vs emulator (actual)");
      }
    }
  }

  private static List<String> shapes(ChoriaClient client, String identity) {
    Duration timeout = Duration.ofSeconds(20);
    RpcResult csr =
        client.call(identity, "choria_provision", "gencsr", token(Map.of("cn", identity)), timeout);
    String configDir = String.valueOf(csr.data().get("ssldir")).replaceFirst("/ssl$", "");
    List<String> shapes = new ArrayList<>();
    shapes.add(shape("gencsr", csr, configDir));
    for (Object[] call : calls(identity)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> data = (Map<String, Object>) call[2];
      RpcResult r = client.call(identity, (String) call[0], (String) call[1], data, timeout);
      shapes.add(shape(call[0] + "#" + call[1], r, configDir));
      System.out.println("interop: " + identity + " " + shapes.get(shapes.size() - 1));
    }
    return shapes;
  }

  /** Restart comes last: after it the real server re-executes and answers nothing for seconds. */
  private static List<Object[]> calls(String identity) {
    return List.of(
        new Object[] {"rpcutil", "ping", Map.of()},
        new Object[] {"rpcutil", "inventory", Map.of()},
        new Object[] {"rpcutil", "no_such_action", Map.of()},
        new Object[] {"choria_provision", "gencsr", Map.of("token", "wrong", "cn", identity)},
        new Object[] {"choria_provision", "jwt", token(Map.of())},
        new Object[] {"choria_provision", "gen25519", token(Map.of("nonce", "n0nce"))},
        new Object[] {"choria_provision", "reprovision", token(Map.of())},
        new Object[] {"choria_provision", "configure", token(Map.of("config", "{}"))},
        new Object[] {
          "choria_provision", "configure", token(Map.of("config", "{\"loglevel\":\"loud\"}"))
        },
        new Object[] {"choria_provision", "restart", token(Map.of("splay", 1))});
  }

  private static Map<String, Object> token(Map<String, Object> data) {
    Map<String, Object> out = new LinkedHashMap<>(data);
    out.put("token", TOKEN);
    return out;
  }

  /** Status, data keys in order, and the texts a caller reads: statusmsg and data.message. */
  private static String shape(String call, RpcResult r, String configDir) {
    String text = call + " -> " + r.reply().statusCode() + " " + r.data().keySet();
    if (!r.ok()) {
      text += " '" + r.reply().statusMsg() + "'";
    }
    if (r.data().get("message") instanceof String message) {
      text += " '" + message + "'";
    }
    return text.replace(configDir, "<dir>");
  }
}
