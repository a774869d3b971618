package io.fleetwright.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingTest {
  private static final Logger LOG = LoggerFactory.getLogger("io.fleetwright.app.LoggingProbe");
  // logback.xml sets this one to WARN; loglevel must still reach it.
  private static final Logger PROTOCOL =
      LoggerFactory.getLogger("io.fleetwright.protocol.Exchanges");

  @TempDir Path dir;
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;

  @AfterEach
  void restore() {
    System.setOut(out);
    System.setErr(err);
    Logging.apply("info", "stderr", "text");
  }

  @Test
  void logfileStdoutWritesToStdoutAndNothingToStderr() {
    ByteArrayOutputStream stdout = capture(true);
    ByteArrayOutputStream stderr = capture(false);
    Logging.apply("info", "stdout", "text");
    LOG.info("to stdout");
    assertTrue(text(stdout).contains("to stdout"), "stdout: " + text(stdout));
    assertFalse(text(stderr).contains("to stdout"), "stderr: " + text(stderr));
  }

  @Test
  void logfileStderrWritesToStderr() {
    ByteArrayOutputStream stdout = capture(true);
    ByteArrayOutputStream stderr = capture(false);
    Logging.apply("info", "stderr", "text");
    LOG.info("to stderr");
    assertTrue(text(stderr).contains("to stderr"), "stderr: " + text(stderr));
    assertFalse(text(stdout).contains("to stderr"), "stdout: " + text(stdout));
  }

  @Test
  void logfileDiscardWritesNothing() {
    ByteArrayOutputStream stdout = capture(true);
    ByteArrayOutputStream stderr = capture(false);
    Logging.apply("info", "discard", "text");
    LOG.warn("dropped");
    assertTrue(Logging.appender().isEmpty(), "an appender is left");
    assertEquals("", text(stdout) + text(stderr));
  }

  @Test
  void loglevelDebugReachesTheProtocolLoggerButNotTheLibraryWire() {
    Logging.apply("debug", "discard", "text");
    assertTrue(PROTOCOL.isDebugEnabled(), "protocol logger not at debug");
    assertTrue(LOG.isDebugEnabled(), "app logger not at debug");
    assertFalse(LoggerFactory.getLogger("io.grpc.netty.X").isInfoEnabled(), "gRPC at info");
    Logging.apply("info", "discard", "text");
    assertFalse(PROTOCOL.isDebugEnabled(), "protocol logger still at debug after info");
    assertTrue(PROTOCOL.isInfoEnabled(), "protocol logger quieter than info");
  }

  @Test
  void fatalAndErrorQuietEveryLoggerIncludingTheLibraries() {
    Logging.apply("fatal", "discard", "text");
    assertFalse(LOG.isWarnEnabled(), "app logger at warn");
    assertFalse(PROTOCOL.isWarnEnabled(), "protocol logger at warn");
    assertFalse(LoggerFactory.getLogger("io.temporal.Worker").isWarnEnabled(), "temporal at warn");
    assertTrue(LoggerFactory.getLogger("io.nats.client").isErrorEnabled(), "nats below error");
  }

  @Test
  void jsonWritesOneObjectPerLineWithTheExceptionWhenThereIsOne() throws Exception {
    Path file = dir.resolve("p.log");
    Logging.apply("debug", file.toString(), "json");
    PROTOCOL.debug("reply from {}", "node1");
    LOG.error("helper \"x\" failed", new IllegalStateException("boom", new RuntimeException("io")));
    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size(), String.join("\n", lines));
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertEquals("DEBUG", first.path("level").asText(), lines.get(0));
    assertEquals("io.fleetwright.protocol.Exchanges", first.path("logger").asText(), lines.get(0));
    assertEquals("reply from node1", first.path("message").asText(), lines.get(0));
    assertTrue(first.path("time").asText().endsWith("Z"), lines.get(0));
    assertFalse(first.has("exception"), lines.get(0));
    JsonNode second = json.readTree(lines.get(1));
    assertEquals("helper \"x\" failed", second.path("message").asText(), lines.get(1));
    String exception = second.path("exception").asText();
    assertTrue(exception.startsWith("java.lang.IllegalStateException: boom"), exception);
    assertTrue(exception.contains("Caused by: java.lang.RuntimeException: io"), exception);
  }

  @Test
  void aReopenAfterTheFileWasMovedWritesToANewFileUnderTheSameName() throws Exception {
    Path file = dir.resolve("p.log");
    FileAppender<ILoggingEvent> appender =
        Logging.apply("info", file.toString(), "text").orElseThrow();
    LOG.info("before rotation");
    Path rotated = dir.resolve("p.log.1");
    Files.move(file, rotated);
    LOG.info("still to the moved file");
    LogReopen.reopen(appender);
    LOG.info("after rotation");
    String old = Files.readString(rotated);
    String fresh = Files.readString(file);
    assertTrue(old.contains("before rotation") && old.contains("still to the moved"), old);
    assertTrue(old.contains("reopening the log file"), old);
    assertTrue(fresh.contains("after rotation"), fresh);
    assertTrue(fresh.contains("reopened the log file"), fresh);
    assertFalse(fresh.contains("before rotation"), fresh);
  }

  @Test
  void anUnwritableLogfileIsRefusedByName() throws Exception {
    // A regular file where the directory should be: unwritable even for root.
    Path file = Files.writeString(dir.resolve("plain"), "").resolve("p.log");
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.fleetwright.app.ConfigException.class,
            () -> Logging.apply("info", file.toString(), "text"));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  private static ByteArrayOutputStream capture(boolean stdout) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    if (stdout) {
      System.setOut(stream);
    } else {
      System.setErr(stream);
    }
    return bytes;
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
