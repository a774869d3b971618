package io.fleetwright.helpers.internal;

import io.fleetwright.helpers.HelperConfig;
import io.fleetwright.helpers.HelperException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a subprocess helper: writes stdin on its own thread while stdout and stderr are
 * drained on two others, enforces the time limit and the stdout cap, and kills the whole process
 * tree when either is hit.
 */
final class SubprocessCall {
  private static final Logger log = LoggerFactory.getLogger(SubprocessCall.class);
  private static final int READ_CHUNK = 8192;
  private static final Duration EXIT_GRACE = Duration.ofMillis(500);

  private final Process process;
  private final ProcessTree tree;
  private final HelperConfig config;
  private final BoundedBuffer stdout;
  private final BoundedBuffer stderr;
  private final AtomicBoolean outputOverflow = new AtomicBoolean();
  private volatile int killedOnOverflow;

  /** What a finished call produced; the runner interprets it. */
  record Result(int exitCode, byte[] stdout, String stderr) {}

  SubprocessCall(Process process, HelperConfig config) {
    this.process = process;
    this.tree = new ProcessTree(process);
    this.config = config;
    this.stdout = BoundedBuffer.head(config.maxOutputBytes());
    this.stderr = BoundedBuffer.tail(config.maxStderrBytes());
  }

  /** Kills the helper and its descendants, e.g. when the runner closes. */
  void kill() {
    tree.kill();
  }

  Result await(byte[] input, ExecutorService io, String helper) {
    long deadline = System.nanoTime() + config.timeout().toNanos();
    io.submit(() -> writeInput(input));
    Future<?> out = io.submit(() -> drain(process.getInputStream(), stdout, true));
    Future<?> err = io.submit(() -> drain(process.getErrorStream(), stderr, false));
    if (!waitForExit(deadline)) {
      int killed = tree.kill();
      waitQuietly(out, err);
      throw failure(
          HelperException.Kind.TIMEOUT,
          helper,
          "it gave no reply within "
              + human(config.timeout())
              + " (helper_timeout); killed it and its child processes ("
              + killed
              + " in all)");
    }
    long grace = Math.min(deadline, System.nanoTime() + EXIT_GRACE.toNanos());
    if (!awaitStreams(grace, out, err)) {
      // A background process the helper started still holds the pipes. The helper has exited,
      // so its reply is complete; the reader threads end when that process does.
      log.warn(
          "helper {} exited but a process it started keeps its stdout or stderr open; using the"
              + " reply it wrote. Do not leave background processes running",
          helper);
    }
    if (outputOverflow.get()) {
      throw failure(
          HelperException.Kind.INVALID_OUTPUT,
          helper,
          "it wrote more than "
              + config.maxOutputBytes()
              + " bytes to stdout; killed it and its child processes ("
              + killedOnOverflow
              + " in all). A reply is one small JSON object");
    }
    return new Result(process.exitValue(), stdout.bytes(), stderr.text());
  }

  /** Appends the stderr tail to a message, for failures detected here and by the runner. */
  HelperException failure(HelperException.Kind kind, String helper, String what) {
    return new HelperException(
        kind,
        "helper "
            + helper
            + " failed: "
            + what
            + "; stderr tail: "
            + Text.tail(stderr.text(), 1000));
  }

  private boolean waitForExit(long deadline) {
    long pollMillis = 50;
    try {
      while (true) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
          return false;
        }
        if (process.waitFor(Math.min(remaining, pollMillis), TimeUnit.MILLISECONDS)) {
          return true;
        }
        tree.snapshot();
        pollMillis = 100;
      }
    } catch (InterruptedException e) {
      tree.kill();
      Thread.currentThread().interrupt();
      throw new HelperException(
          HelperException.Kind.CRASHED, "interrupted while waiting for the helper; killed it", e);
    }
  }

  private static boolean awaitStreams(long deadline, Future<?>... readers) {
    try {
      for (Future<?> reader : readers) {
        long remaining = Math.max(1, deadline - System.nanoTime());
        reader.get(remaining, TimeUnit.NANOSECONDS);
      }
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    }
  }

  private static void waitQuietly(Future<?>... readers) {
    awaitStreams(System.nanoTime() + TimeUnit.SECONDS.toNanos(1), readers);
  }

  private void writeInput(byte[] input) {
    try (OutputStream in = process.getOutputStream()) {
      in.write(input);
    } catch (IOException e) {
      // The helper may exit or close stdin without reading it all; its output decides the result.
    }
  }

  private void drain(InputStream stream, BoundedBuffer buffer, boolean capped) {
    byte[] chunk = new byte[READ_CHUNK];
    try (stream) {
      int n;
      while ((n = stream.read(chunk)) >= 0) {
        buffer.write(chunk, 0, n);
        if (capped && buffer.overflowed() && outputOverflow.compareAndSet(false, true)) {
          killedOnOverflow = tree.kill();
        }
      }
    } catch (IOException e) {
      // The stream closes when the process is killed; what was read so far is kept.
    }
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }
}
