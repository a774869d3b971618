package io.fleetwright.it;

import io.fleetwright.app.cli.Main;
import io.fleetwright.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code provisioner run --config FILE} in its own JVM, on the test JVM's class path, so a test can
 * kill it with SIGKILL (the whole process tree) and start it again. Its output goes to a log file
 * that every failure names.
 */
final class WorkerProcess implements AutoCloseable {
  /** What {@code provisioner run} prints once the worker, discovery and /metrics are up. */
  static final String READY = "run: /metrics and /healthz on port";

  private static final int LAUNCHES = 3;

  /** The heap of a worker unless the test asks for more (an in-process GraalPy helper does). */
  static final String DEFAULT_HEAP = "384m";

  private final Path config;
  private final Path log;
  private final String heap;
  private Process process;

  private WorkerProcess(Path config, Path log, String heap) {
    this.config = config;
    this.log = log;
    this.heap = heap;
  }

  /**
   * Starts a worker and waits until it is ready. The config must set {@code monitor_port}, so that
   * the worker prints its ready line.
   */
  static WorkerProcess start(Path config, Path log) {
    return start(config, log, DEFAULT_HEAP);
  }

  /** As {@link #start(Path, Path)}, with a maximum heap such as {@code 1g}. */
  static WorkerProcess start(Path config, Path log, String heap) {
    WorkerProcess worker = new WorkerProcess(config, log, heap);
    try {
      worker.launch();
    } catch (RuntimeException | Error e) {
      worker.close();
      throw e;
    }
    return worker;
  }

  /**
   * Launches the worker; one that exits before it is ready (e.g. Temporal not answering yet after a
   * restart) is launched again, as a service manager would, up to {@link #LAUNCHES} times.
   */
  private void launch() {
    for (int launch = 1; ; launch++) {
      int from = logText().length();
      process = spawn();
      if (awaitReady(from, launch == LAUNCHES)) {
        return;
      }
      appendMarker(
          "---- exited with " + process.exitValue() + " before ready; launching again ----");
    }
  }

  private Process spawn() {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(
            java,
            "-Xmx" + heap,
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "run",
            "--config",
            config.toString());
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the worker; its log is " + log, e);
    }
  }

  /** True once ready; false if it exited first and {@code last} is false. */
  private boolean awaitReady(int from, boolean last) {
    Await.until(
        Duration.ofSeconds(120),
        () -> !process.isAlive() || logText().indexOf(READY, from) >= 0,
        () -> "the worker's ready line in " + log + ": " + tail(),
        () -> threadDump("no ready line within 120 s"));
    if (logText().indexOf(READY, from) >= 0) {
      return true;
    }
    if (last) {
      throw new AssertionError(
          "the worker exited with " + process.exitValue() + " before it was ready: " + tail());
    }
    return false;
  }

  /** Kills the worker and every process it started with SIGKILL, and waits until they are gone. */
  void kill() {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    Await.until(
        Duration.ofSeconds(30),
        () -> !process.isAlive() && tree.stream().noneMatch(ProcessHandle::isAlive),
        () -> "the killed worker to exit; log " + log);
    appendMarker("---- killed with SIGKILL by the test ----");
  }

  /** Starts the worker again with the same config after {@link #kill()}, and waits until ready. */
  void startAgain() {
    if (process.isAlive()) {
      throw new IllegalStateException("the worker still runs; kill() it first");
    }
    launch();
  }

  /** Returns the process id of the running worker. */
  long pid() {
    return process.pid();
  }

  /** True while the worker process runs (stopped with SIGSTOP counts as running). */
  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Stops the worker with SIGSTOP: it keeps its sockets and memory but runs no instruction. */
  void suspend() {
    signal("STOP");
    appendMarker("---- stopped with SIGSTOP by the test ----");
  }

  /** Continues a worker stopped with {@link #suspend()} (SIGCONT). */
  void resume() {
    signal("CONT");
    appendMarker("---- continued with SIGCONT by the test ----");
  }

  private void signal(String name) {
    run(List.of("kill", "-" + name, Long.toString(process.pid())), "kill -" + name);
  }

  /**
   * Writes the worker's thread dump into its log, platform threads ({@code jcmd PID Thread.print})
   * and then every virtual thread ({@code Thread.dump_to_file}), so a worker that stalls leaves the
   * evidence behind. Never throws: it runs on the way to a test failure.
   */
  void threadDump(String why) {
    if (process == null || !process.isAlive()) {
      appendMarker("---- no thread dump (" + why + "): the worker is not running ----");
      return;
    }
    try {
      appendMarker("---- thread dump by the test: " + why + " ----");
      appendMarker(
          run(List.of(jcmd(), Long.toString(process.pid()), "Thread.print", "-l"), "jcmd"));
      Path file = Files.createTempFile("worker-threads", ".txt");
      Files.delete(file);
      run(
          List.of(
              jcmd(),
              Long.toString(process.pid()),
              "Thread.dump_to_file",
              "-format=text",
              file.toString()),
          "jcmd");
      if (Files.exists(file)) {
        appendMarker("---- every thread, virtual threads included ----");
        appendMarker(Files.readString(file));
        Files.delete(file);
      }
      appendMarker("---- end of thread dump ----");
    } catch (IOException | RuntimeException e) {
      appendMarker("---- thread dump failed: " + e + " ----");
    }
  }

  /** The jcmd of the JDK this test runs on. */
  private static String jcmd() {
    return ProcessHandle.current()
        .info()
        .command()
        .map(java -> Path.of(java).resolveSibling("jcmd"))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .orElse("jcmd");
  }

  /** Runs a short command and returns its output; fails naming it when it exits non-zero. */
  private static String run(List<String> command, String what) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(what + " " + command + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** Returns the log file of this worker (every start appends to it). */
  Path log() {
    return log;
  }

  /** Returns the whole log so far. */
  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(could not read " + log + ": " + e.getMessage() + ")";
    }
  }

  private String tail() {
    String text = logText();
    return text.length() > 3000 ? "..." + text.substring(text.length() - 3000) : text;
  }

  private void appendMarker(String line) {
    try {
      Files.writeString(
          log,
          line + System.lineSeparator(),
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The marker only helps a human reading the log.
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
