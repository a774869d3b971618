package io.fleetwright.helpers.internal;

import io.fleetwright.api.HelperInput;
import io.fleetwright.helpers.HelperConfig;
import io.fleetwright.helpers.HelperException;
import io.fleetwright.helpers.HelperResponse;
import io.fleetwright.helpers.HelperRunner;
import io.fleetwright.helpers.HelperRuntime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a helper as a child process, as the Go provisioner does: the request JSON on stdin, one JSON
 * reply on stdout, exit status 0. The environment is scrubbed to PATH, LANG=C.UTF-8 and the
 * configured variables; the program was resolved to an absolute path by {@link HelperConfig}.
 */
public final class SubprocessHelperRunner implements HelperRunner {
  private static final Logger log = LoggerFactory.getLogger(SubprocessHelperRunner.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HelperConfig config;
  private final ExecutorService io;
  private final Set<SubprocessCall> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Creates the runner.
   *
   * @param config a configuration whose runtime is {@link HelperRuntime#SUBPROCESS}
   */
  public SubprocessHelperRunner(HelperConfig config) {
    this.config = config;
    this.io =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "helper-io-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public HelperResponse run(HelperInput request) {
    if (closed) {
      throw new HelperException(
          HelperException.Kind.CRASHED, "helper " + name() + " cannot run: its runner is closed");
    }
    long started = System.nanoTime();
    byte[] input = HostJson.write(request);
    Process process = start();
    SubprocessCall call = new SubprocessCall(process, config);
    running.add(call);
    try {
      SubprocessCall.Result result = call.await(input, io, name());
      HelperResponse response = interpret(call, result, request);
      log.debug(
          "helper {} answered for {} in {} ms{}",
          name(),
          request.identity(),
          (System.nanoTime() - started) / 1_000_000,
          result.stderr().isBlank() ? "" : "; stderr: " + Text.tail(result.stderr(), 1000));
      return response;
    } catch (HelperException e) {
      log.warn("helper call for {} failed: {}", request.identity(), e.getMessage());
      throw e;
    } finally {
      running.remove(call);
      if (process.isAlive()) {
        call.kill();
      }
    }
  }

  private HelperResponse interpret(
      SubprocessCall call, SubprocessCall.Result result, HelperInput request) {
    String exit = "exit code " + result.exitCode();
    if (result.exitCode() != 0) {
      throw call.failure(
          HelperException.Kind.CRASHED,
          name(),
          "it exited with code "
              + result.exitCode()
              + (result.exitCode() > 128
                  ? " (killed by signal " + (result.exitCode() - 128) + ")"
                  : "")
              + "; stdout tail: "
              + Text.tail(new String(result.stdout(), StandardCharsets.UTF_8), 300));
    }
    if (result.stdout().length == 0) {
      throw call.failure(
          HelperException.Kind.INVALID_OUTPUT,
          name(),
          "it printed nothing on stdout (" + exit + "); it must print one JSON object");
    }
    String text = decodeUtf8(call, result.stdout());
    try {
      return ResponseValidator.parse(name(), text, request);
    } catch (HelperException e) {
      String output =
          e.getMessage().contains("output tail:") ? "" : "; output tail: " + Text.tail(text, 300);
      throw new HelperException(
          e.kind(),
          e.getMessage()
              + output
              + "; "
              + exit
              + "; stderr tail: "
              + Text.tail(result.stderr(), 1000),
          e);
    }
  }

  private String decodeUtf8(SubprocessCall call, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw call.failure(
          HelperException.Kind.INVALID_OUTPUT,
          name(),
          "its stdout is not valid UTF-8 (exit code 0); print JSON in UTF-8. Output tail: "
              + Text.tail(new String(bytes, StandardCharsets.UTF_8), 300));
    }
  }

  private Process start() {
    ProcessBuilder builder = new ProcessBuilder(config.command());
    builder.directory(config.workingDirectory().toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", HelperConfig.DEFAULT_PATH);
    env.put("LANG", "C.UTF-8");
    env.putAll(config.environment());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new HelperException(
          HelperException.Kind.CRASHED,
          "helper "
              + name()
              + " could not be started in "
              + config.workingDirectory()
              + ": "
              + e.getMessage()
              + "; check that the program exists, is executable and has a valid #! line",
          e);
    }
  }

  @Override
  public String name() {
    return config.helper();
  }

  @Override
  public HelperRuntime runtime() {
    return HelperRuntime.SUBPROCESS;
  }

  @Override
  public void close() {
    closed = true;
    running.forEach(SubprocessCall::kill);
    io.shutdown();
  }
}
