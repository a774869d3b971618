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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(120)
class JavaScriptHelperRunnerTest {
  private static HelperRunner probe;

  @BeforeAll
  static void startProbe() {
    probe = runner(HelperConfig.builder().helper(script("js/sandbox-probe.js").toString()));
  }

  @AfterAll
  static void stopProbe() {
    probe.close();
  }

  static HelperRunner runner(HelperConfig.Builder builder) {
    return HelperRunners.create(builder.build());
  }

  static HelperRunner runner(String file) {
    return runner(HelperConfig.builder().helper(script(file).toString()));
  }

  static void assertMentions(Throwable e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
  }

  private static String probe(String what, int port) {
    String msg =
        probe.run(request("node1", "{\"probe\":\"" + what + "\",\"port\":" + port + "}")).msg();
    assertTrue(msg.startsWith("DENIED: "), "the sandbox allowed " + what + ": " + msg);
    return msg;
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "process", "env", "host-class", "polyglot"})
  void deniesTheGuestAccessToTheHost(String what) {
    probe(what, 0);
  }

  @Test
  void deniesTheGuestASocket() throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      server.configureBlocking(false);
      probe("socket", server.socket().getLocalPort());
      assertNull(server.accept(), "the guest connected to 127.0.0.1");
    }
  }

  @Test
  void stopsAnEndlessLoopAtTheTimeLimitAndKeepsServing() throws Exception {
    try (HelperRunner runner =
        runner(
            HelperConfig.builder()
                .helper(script("js/loop.js").toString())
                .timeout(Duration.ofSeconds(2))
                .statementLimit(Long.MAX_VALUE))) {
      CompletableFuture<HelperException> looping =
          CompletableFuture.supplyAsync(
              () ->
                  assertThrows(
                      HelperException.class, () -> runner.run(request("n1", "{\"loop\":true}"))));
      assertEquals("no loop for n2", runner.run(request("n2", "{}")).msg());
      HelperException e = looping.get();
      assertEquals(HelperException.Kind.TIMEOUT, e.kind(), e.getMessage());
      assertMentions(e, "no reply within 2s (helper_timeout)", "loop.js:");
      assertEquals("no loop for n3", runner.run(request("n3", "{}")).msg());
    }
  }

  @Test
  void stopsAnEndlessLoopAtTheStatementLimitAndKeepsServing() {
    try (HelperRunner runner =
        runner(
            HelperConfig.builder()
                .helper(script("js/loop.js").toString())
                .timeout(Duration.ofSeconds(30))
                .statementLimit(100_000))) {
      HelperException e =
          assertThrows(HelperException.class, () -> runner.run(request("n1", "{\"loop\":true}")));
      assertEquals(HelperException.Kind.TIMEOUT, e.kind(), e.getMessage());
      assertMentions(e, "more than 100000 statements");
      assertEquals("no loop for n2", runner.run(request("n2", "{}")).msg());
    }
  }

  @Test
  void reportsAThrownErrorWithFileAndLine() {
    try (HelperRunner runner = runner("js/throws.js")) {
      HelperException e = assertThrows(HelperException.class, () -> runner.run(request("n", "{}")));
      assertEquals(HelperException.Kind.CRASHED, e.kind(), e.getMessage());
      assertMentions(e, "threw an error in provision() at throws.js:3", "TypeError", "throws.js");
    }
  }

  @Test
  void reportsASyntaxErrorWithFileAndLine() {
    try (HelperRunner runner = runner("js/syntax-error.js")) {
      HelperException e = assertThrows(HelperException.class, () -> runner.run(request("n", "{}")));
      assertEquals(HelperException.Kind.CRASHED, e.kind(), e.getMessage());
      assertMentions(e, "has a syntax error at syntax-error.js:3", "reloaded on the next call");
    }
  }

  @Test
  void explainsAMissingProvisionFunction() {
    try (HelperRunner runner = runner("js/no-function.js")) {
      HelperException e = assertThrows(HelperException.class, () -> runner.run(request("n", "{}")));
      assertMentions(e, "defines no function provision(input)");
    }
  }

  @Test
  void reportsAMissingReturnWithTheGuestOutput() {
    try (HelperRunner runner = runner("js/returns-nothing.js")) {
      HelperException e =
          assertThrows(HelperException.class, () -> runner.run(request("n7", "{}")));
      assertEquals(HelperException.Kind.INVALID_OUTPUT, e.kind(), e.getMessage());
      assertMentions(e, "provision() returned nothing", "guest stdout tail: working on n7");
    }
  }

  @Test
  void truncatesGuestOutputAndValidatesTheReplyLikeASubprocessReply() {
    try (HelperRunner runner = runner("js/chatty.js")) {
      HelperException e = assertThrows(HelperException.class, () -> runner.run(request("n", "{}")));
      assertEquals(HelperException.Kind.INVALID_OUTPUT, e.kind(), e.getMessage());
      assertMentions(e, "\"configuration\".\"registerinterval\" must be a string, got number 300");
      assertMentions(e, "line 99999 of chatter");
      assertFalse(e.getMessage().contains("line 0 of chatter"), e.getMessage());
    }
  }

  @Test
  void servesConcurrentCallsFromManyThreads() throws Exception {
    try (HelperRunner runner =
        runner(HelperConfig.builder().helper(script("js/loop.js").toString()).poolSize(4))) {
      Scenarios.concurrentCallsGetTheirOwnReplies(runner, 16, 50, id -> "no loop for " + id);
    }
  }

  @Test
  void picksUpAChangedFileAndReportsErrorsWithFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("helper.js");
    Scenarios.write(file, "function provision(host) {\n  return {defer: true, msg: 'v1'};\n}\n", 1);
    try (HelperRunner changing = runner(HelperConfig.builder().helper(file.toString()))) {
      assertEquals("v1", changing.run(request("n1", "{}")).msg());
      Scenarios.write(
          file, "function provision(host) {\n  const x = 1;\n  throw new Error('boom');\n}\n", 2);
      Scenarios.failsWith(changing, HelperException.Kind.CRASHED, "at helper.js:3", "Error: boom");
      Scenarios.write(
          file, "function provision(host) {\n  return {defer: true, msg: 'v3'};\n}\n", 3);
      assertEquals("v3", changing.run(request("n1", "{}")).msg());
    }
  }

  @Test
  void runsAnEsModuleThatExportsProvision() {
    try (HelperRunner runner = runner("js/module.mjs")) {
      assertEquals("module says hello to n1", runner.run(request("n1", "{}")).msg());
    }
  }
}
