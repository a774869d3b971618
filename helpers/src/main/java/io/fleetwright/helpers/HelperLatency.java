package io.fleetwright.helpers;

import io.fleetwright.api.CsrResult;
import io.fleetwright.api.HelperInput;
import io.fleetwright.helpers.internal.PolyglotHelperRunner;
import java.util.Arrays;

/**
 * Measures the per-call latency of one helper: the first call, then {@code calls} timed calls after
 * half as many warm-up calls. It only measures; the benchmark command and {@code HelperBenchmark}
 * print the figures.
 */
public final class HelperLatency {
  private HelperLatency() {}

  /**
   * The figures of one helper.
   *
   * @param calls the timed calls
   * @param firstMillis the first call, cold
   * @param meanMicros the mean of the timed calls
   * @param p50Micros the median of the timed calls
   * @param p99Micros the 99th percentile of the timed calls
   * @param seconds wall time of the timed calls
   */
  public record Result(
      int calls,
      double firstMillis,
      double meanMicros,
      long p50Micros,
      long p99Micros,
      double seconds) {}

  /** Returns a request like a provisioned node's: identity, inventory with facts, a CSR, claims. */
  public static HelperInput sampleRequest() {
    return new HelperInput(
        "node1.example.net",
        new CsrResult(
            "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
            "-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----\n",
            "/etc/choria/ssl"),
        null,
        "{\"agents\":[\"rpcutil\"],\"facts\":{\"country\":\"de\",\"os\":\"linux\"},"
            + "\"version\":\"0.30.2\"}",
        "{\"cht\":\"s3cret\",\"purpose\":\"choria_provisioning\"}");
  }

  /**
   * Runs the helper of {@code config} {@code 1 + calls / 2 + calls} times on {@code request}.
   *
   * @throws HelperException when a call fails
   * @throws InterruptedException when interrupted
   */
  public static Result measure(HelperConfig config, HelperInput request, int calls)
      throws Exception {
    try (HelperRunner runner = HelperRunners.create(config)) {
      if (runner instanceof PolyglotHelperRunner polyglot) {
        polyglot.warmUp().get();
      }
      long start = System.nanoTime();
      runner.run(request);
      double firstMs = (System.nanoTime() - start) / 1e6;
      for (int i = 0; i < calls / 2; i++) {
        runner.run(request); // warm-up: the interpreter and the host JIT need calls
      }
      long[] micros = new long[calls];
      long timed = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        long t = System.nanoTime();
        runner.run(request);
        micros[i] = (System.nanoTime() - t) / 1000;
      }
      double seconds = (System.nanoTime() - timed) / 1e9;
      Arrays.sort(micros);
      double mean = Arrays.stream(micros).average().orElse(0);
      return new Result(
          calls, firstMs, mean, micros[calls / 2], micros[(int) (calls * 0.99)], seconds);
    }
  }
}
