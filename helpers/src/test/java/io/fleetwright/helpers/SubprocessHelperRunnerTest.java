package io.fleetwright.helpers;

import static io.fleetwright.helpers.TestHelpers.request;
import static io.fleetwright.helpers.TestHelpers.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fleetwright.api.HelperInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SubprocessHelperRunnerTest {
  private static final HelperInput REQUEST = request("node1.example.net", "{\"facts\":{}}");

  private static HelperRunner runner(String helper) {
    return runner(HelperConfig.builder().helper(helper));
  }

  private static HelperRunner runner(HelperConfig.Builder builder) {
    return HelperRunners.create(builder.build());
  }

  private static HelperException failure(String helper, HelperException.Kind kind) {
    try (HelperRunner runner = runner(helper)) {
      HelperException e = assertThrows(HelperException.class, () -> runner.run(REQUEST));
      assertEquals(kind, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("helper " + helper), e.getMessage());
      return e;
    }
  }

  private static void assertMentions(Throwable e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
  }

  @Test
  void passesTheRequestOnStdinAndReturnsTheValidatedReply() {
    try (HelperRunner runner = runner(script("echo-identity.sh").toString())) {
      assertEquals(HelperRuntime.SUBPROCESS, runner.runtime());
      assertEquals("hello node1.example.net", runner.run(REQUEST).msg());
    }
  }

  @Test
  void reportsANonZeroExitWithItsCodeAndStderrTail() {
    HelperException e =
        failure(script("exit-with-stderr.sh").toString(), HelperException.Kind.CRASHED);
    assertMentions(e, "exited with code 3", "stderr tail: boom details: cannot reach the CMDB");
  }

  @Test
  void reportsEmptyOutput() {
    assertMentions(
        failure(script("empty.sh").toString(), HelperException.Kind.INVALID_OUTPUT),
        "printed nothing on stdout (exit code 0)");
  }

  @Test
  void reportsNonJsonOutputWithItsTailAndTheStderrTail() {
    assertMentions(
        failure(script("not-json.sh").toString(), HelperException.Kind.INVALID_OUTPUT),
        "not one JSON document",
        "output tail: hello, this is not JSON",
        "exit code 0",
        "stderr tail: provisioning went fine");
  }

  @Test
  void reportsOutputThatIsNotUtf8() {
    assertMentions(
        failure(script("not-utf8.sh").toString(), HelperException.Kind.INVALID_OUTPUT),
        "not valid UTF-8");
  }

  @Test
  void reportsWrongTypesByKey() {
    assertMentions(
        failure(script("wrong-types.sh").toString(), HelperException.Kind.INVALID_OUTPUT),
        "\"configuration\".\"registerinterval\" must be a string, got number 300",
        "\"configuration\".\"plugin.choria.server.provision\" must be a string, got boolean false",
        "exit code 0");
  }

  @Test
  void killsAHelperThatWritesTooMuch() {
    try (HelperRunner runner =
        runner(
            HelperConfig.builder()
                .helper(script("huge.sh").toString())
                .maxOutputBytes(64 * 1024))) {
      HelperException e = assertThrows(HelperException.class, () -> runner.run(REQUEST));
      assertEquals(HelperException.Kind.INVALID_OUTPUT, e.kind(), e.getMessage());
      assertMentions(e, "wrote more than 65536 bytes to stdout; killed it");
    }
  }

  @Test
  void killsTheWholeProcessTreeOnTimeout(@TempDir Path dir) throws IOException {
    Path pids = dir.resolve("pids");
    HelperConfig.Builder config =
        HelperConfig.builder()
            .helper(script("slow-with-grandchild.sh") + " " + pids)
            .timeout(Duration.ofSeconds(1));
    try (HelperRunner runner = runner(config)) {
      HelperException e = assertThrows(HelperException.class, () -> runner.run(REQUEST));
      assertEquals(HelperException.Kind.TIMEOUT, e.kind(), e.getMessage());
      assertMentions(e, "no reply within 1s (helper_timeout)", "started background work");
    }
    List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
    assertEquals(4, started.size(), "pids: " + started);
    for (long pid : started) {
      awaitGone(pid);
    }
  }

  private static void awaitGone(long pid) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      if (handle.isEmpty() || !handle.get().isAlive()) {
        return;
      }
      Thread.onSpinWait();
    }
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    fail("process " + pid + " started by the helper was still alive after the timeout");
  }

  @Test
  void acceptsTheReplyOfAHelperThatLeavesABackgroundProcessHoldingStdout() {
    // The JDK hands the reader what the helper wrote once the helper itself exits, so a
    // background process that keeps the pipe open neither delays nor loses the reply.
    try (HelperRunner runner =
        runner(
            HelperConfig.builder()
                .helper(script("leaves-background.sh").toString())
                .timeout(Duration.ofSeconds(1)))) {
      assertEquals("answered early", runner.run(REQUEST).msg());
    }
  }

  @Test
  void scrubsTheEnvironmentAndUsesTheWorkingDirectory(@TempDir Path dir) {
    HelperConfig.Builder config =
        HelperConfig.builder()
            .helper("python3 " + script("env_probe.py"))
            .environment("FLEETWRIGHT_SITE", "lab")
            .workingDirectory(dir);
    assertFalse(System.getenv().isEmpty(), "the test JVM has an environment to leak");
    try (HelperRunner runner = runner(config)) {
      String msg = runner.run(REQUEST).msg();
      assertEquals("FLEETWRIGHT_SITE,LANG,PATH in " + dir.toRealPath(), msg);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void passesQuotedArgumentsAsSingleWords() {
    String helper =
        script("args.sh") + " 'two words' \"a \\\"quoted\\\" one\" back\\ slash '$HOME'";
    try (HelperRunner runner = runner(helper)) {
      assertEquals("two words|a \"quoted\" one|back slash|$HOME|", runner.run(REQUEST).msg());
    }
  }

  @Test
  void acceptsAHelperThatDoesNotReadItsInput() {
    try (HelperRunner runner = runner(script("ignores-stdin.sh").toString())) {
      HelperInput big = request("node1", "{\"blob\":\"" + "x".repeat(1 << 20) + "\"}");
      assertEquals("did not read stdin", runner.run(big).msg());
    }
  }

  @Test
  void keepsServingAfterAFailure() {
    try (HelperRunner runner = runner(script("echo-identity.sh").toString())) {
      assertThrows(IllegalArgumentException.class, () -> runner.run(request(" ", "{}")));
      assertEquals("hello n2", runner.run(request("n2", "{}")).msg());
    }
  }
}
