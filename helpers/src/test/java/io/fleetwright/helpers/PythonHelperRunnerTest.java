package io.fleetwright.helpers;

import static io.fleetwright.helpers.TestHelpers.request;
import static io.fleetwright.helpers.TestHelpers.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GraalPy starts slowly, so one runner serves every test that does not need its own file. */
@Timeout(180)
class PythonHelperRunnerTest {
  private static HelperRunner runner;

  @BeforeAll
  static void start() {
    runner =
        HelperRunners.create(
            HelperConfig.builder()
                .helper(script("py/behaviours.py").toString())
                .timeout(Duration.ofSeconds(30))
                .poolSize(4)
                .build());
  }

  @AfterAll
  static void stop() {
    runner.close();
  }

  /** What the probe reported, or the runner's error when the denial escaped the guest. */
  private static String probe(String what, int port) {
    String inventory = "{\"mode\":\"probe\",\"probe\":\"" + what + "\",\"port\":" + port + "}";
    try {
      return runner.run(request("node1", inventory)).msg();
    } catch (HelperException e) {
      return "ERROR: " + e.getMessage();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "process", "host-class"})
  void deniesTheGuestAccessToTheHost(String what) {
    String msg = probe(what, 0);
    assertTrue(msg.startsWith("DENIED: "), "the sandbox allowed " + what + ": " + msg);
  }

  @Test
  void deniesTheGuestAThread() {
    // GraalPy reports the refusal as a host error that the guest cannot catch.
    String msg = probe("thread", 0);
    assertTrue(msg.contains("Creating threads is not allowed"), msg);
    assertEquals("echo n2", runner.run(request("n2", "{}")).msg());
  }

  @Test
  void deniesTheGuestASocket() throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      server.configureBlocking(false);
      String msg = probe("socket", server.socket().getLocalPort());
      assertTrue(msg.startsWith("DENIED: "), "the sandbox allowed a socket: " + msg);
      assertNull(server.accept(), "the guest connected to 127.0.0.1");
    }
  }

  @Test
  void hidesTheProvisionersEnvironment() {
    String msg = probe("env", 0);
    assertTrue(msg.startsWith("ALLOWED: "), msg);
    for (String name : System.getenv().keySet()) {
      assertFalse(
          ("," + msg.substring(9) + ",").contains("," + name + ","),
          "the guest sees the provisioner's variable " + name + ": " + msg);
    }
  }

  @Test
  void stopsAnEndlessLoopAtTheTimeLimitAndKeepsServing() {
    try (HelperRunner looping =
        HelperRunners.create(
            HelperConfig.builder()
                .helper(script("py/behaviours.py").toString())
                .timeout(Duration.ofSeconds(3))
                .poolSize(1)
                .build())) {
      HelperException e =
          assertThrows(
              HelperException.class, () -> looping.run(request("n1", "{\"mode\":\"loop\"}")));
      assertEquals(HelperException.Kind.TIMEOUT, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("no reply within 3s (helper_timeout)"), e.getMessage());
      assertTrue(e.getMessage().contains("behaviours.py:"), e.getMessage());
      assertEquals("echo n2", looping.run(request("n2", "{}")).msg());
    }
  }

  @Test
  void servesConcurrentCallsFromManyThreads() throws Exception {
    Scenarios.concurrentCallsGetTheirOwnReplies(runner, 6, 10, id -> "echo " + id);
  }

  @Test
  void picksUpAChangedFileAndReportsErrorsWithFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("helper.py");
    Scenarios.write(file, "def provision(host):\n    return {'defer': True, 'msg': 'v1'}\n", 1);
    try (HelperRunner changing =
        HelperRunners.create(HelperConfig.builder().helper(file.toString()).poolSize(2).build())) {
      assertEquals("v1", changing.run(request("n1", "{}")).msg());

      Scenarios.write(
          file,
          "def provision(host):\n    x = 1\n    raise ValueError('boom ' + host['identity'])\n",
          2);
      Scenarios.failsWith(
          changing, HelperException.Kind.CRASHED, "at helper.py:3", "ValueError: boom n1");

      Scenarios.write(file, "def provision(host)\n    return {}\n", 3);
      Scenarios.failsWith(
          changing, HelperException.Kind.CRASHED, "syntax error at helper.py:1", "helper.py");

      Scenarios.write(file, "def provision(host):\n    return {'defer': True, 'msg': 'v4'}\n", 4);
      assertEquals("v4", changing.run(request("n1", "{}")).msg());
    }
  }
}
