package io.fleetwright.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child process whose failures explain themselves: every error carries the command, the exit code
 * and the tail of the output. Output goes to a log file in the working directory, so the process
 * may outlive this JVM (the demo's --keep).
 */
final class ManagedProcess implements AutoCloseable {
  private static final int TAIL_LINES = 40;

  private final String name;
  private final List<String> command;
  private final Path workDir;
  private final Path logFile;
  private final Map<String, String> environment;
  private Process process;

  ManagedProcess(String name, List<String> command, Path workDir) {
    this(name, command, workDir, Map.of());
  }

  /** Like the other constructor, with variables added to the inherited environment. */
  ManagedProcess(String name, List<String> command, Path workDir, Map<String, String> environment) {
    this.name = name;
    this.command = List.copyOf(command);
    this.workDir = workDir;
    this.logFile = workDir.resolve(name + ".log");
    this.environment = Map.copyOf(environment);
  }

  void start() {
    try {
      Files.createDirectories(workDir);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new DevStackException(
          "could not start "
              + name
              + " with: "
              + String.join(" ", command)
              + " ("
              + e.getMessage()
              + "). Check that the binary exists; 'make setup' installs it.",
          e);
    }
  }

  /** Waits until {@code ready} holds, failing early with the output tail if the process exits. */
  void awaitReady(Duration timeout, BooleanSupplier ready, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw failure(what + " failed: the process exited with code " + process.exitValue());
      }
      if (ready.getAsBoolean()) {
        return;
      }
      pause(Duration.ofMillis(50));
    }
    throw failure(what + " did not happen within " + timeout.toSeconds() + "s");
  }

  DevStackException failure(String what) {
    return new DevStackException(
        name
            + ": "
            + what
            + "\n  command: "
            + String.join(" ", command)
            + "\n  log: "
            + logFile
            + "\n  last output:\n    "
            + String.join("\n    ", tail()));
  }

  List<String> tail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return List.copyOf(lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return List.of("(no output: " + e.getMessage() + ")");
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** Stops the process (SIGTERM, then SIGKILL after the grace period), children included. */
  void stop(Duration grace) {
    if (process == null) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  /** Leaves the process running after this JVM exits. */
  void detach() {
    process = null;
  }

  /** Kills the process at once, as a crash would. */
  void kill() {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }

  static boolean portOpen(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("interrupted while waiting for a local server", e);
    }
  }
}
