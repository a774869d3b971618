package io.fleetwright.helpers;

import io.fleetwright.helpers.internal.PolyglotHelperRunner;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints per-call latency of the example helper in every runtime, side by side, and the heap per
 * pooled guest context. Measures only; asserts nothing. Run from the repository root:
 *
 * <pre>
 * JAVA_HOME=$(bin/find-jdk) mvn -B -ntp -q -pl helpers test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt
 * cd helpers &amp;&amp; $(../bin/find-jdk)/bin/java --enable-native-access=ALL-UNNAMED \
 *     --sun-misc-unsafe-memory-access=allow -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.fleetwright.helpers.HelperBenchmark [in-process calls] [subprocess calls]
 * </pre>
 */
public final class HelperBenchmark {
  private static final HelperRequest REQUEST =
      TestHelpers.withCsr(
          "node1.example.net",
          "{\"agents\":[\"rpcutil\"],\"facts\":{\"country\":\"de\",\"os\":\"linux\"},\"version\":\"0.30.2\"}",
          "/etc/choria/ssl");

  private HelperBenchmark() {}

  public static void main(String[] args) throws Exception {
    int inProcess = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int subprocess = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    Map<String, String> helpers = new LinkedHashMap<>();
    helpers.put("in-process javascript", example("provision.js"));
    helpers.put("in-process python", example("provision.py"));
    helpers.put("subprocess sh", example("provision.sh"));
    helpers.put("subprocess python3", "/usr/bin/python3 " + example("provision.py"));
    System.out.printf(
        "%-24s %8s %10s %10s %10s %10s%n",
        "runtime", "calls", "first ms", "mean µs", "p50 µs", "p99 µs");
    for (Map.Entry<String, String> helper : helpers.entrySet()) {
      int calls = helper.getKey().startsWith("in-process") ? inProcess : subprocess;
      latency(helper.getKey(), helper.getValue(), calls);
    }
    heapPerContext("javascript", example("provision.js"), 16);
    heapPerContext("python", example("provision.py"), 8);
  }

  private static String example(String name) {
    return Path.of("examples", name).toAbsolutePath().toString();
  }

  private static void latency(String name, String helper, int calls) throws Exception {
    HelperConfig config =
        HelperConfig.builder()
            .helper(helper)
            .runtime(helper.contains(" ") ? HelperRuntime.SUBPROCESS : HelperRuntime.AUTO)
            .poolSize(2)
            .build();
    try (HelperRunner runner = HelperRunners.create(config)) {
      if (runner instanceof PolyglotHelperRunner polyglot) {
        polyglot.warmUp().get();
      }
      long start = System.nanoTime();
      runner.run(REQUEST);
      double firstMs = (System.nanoTime() - start) / 1e6;
      for (int i = 0; i < calls / 2; i++) {
        runner.run(REQUEST); // warm-up: the interpreter and the host JIT need calls
      }
      long[] micros = new long[calls];
      for (int i = 0; i < calls; i++) {
        long t = System.nanoTime();
        runner.run(REQUEST);
        micros[i] = (System.nanoTime() - t) / 1000;
      }
      Arrays.sort(micros);
      double mean = Arrays.stream(micros).average().orElse(0);
      System.out.printf(
          Locale.ROOT,
          "%-24s %8d %10.1f %10.1f %10d %10d%n",
          name,
          calls,
          firstMs,
          mean,
          micros[calls / 2],
          micros[(int) (calls * 0.99)]);
    }
  }

  private static void heapPerContext(String name, String helper, int contexts) throws Exception {
    HelperConfig config = HelperConfig.builder().helper(helper).poolSize(contexts).build();
    try (PolyglotHelperRunner runner = (PolyglotHelperRunner) HelperRunners.create(config)) {
      runner.warmUp().get();
      runner.prefill(2);
      runner.run(REQUEST);
      long before = usedHeap();
      runner.prefill(contexts);
      long after = usedHeap();
      System.out.printf(
          Locale.ROOT,
          "heap per pooled %s context: %.2f MB (%d -> %d contexts: %.1f -> %.1f MB used)%n",
          name,
          (after - before) / 1e6 / (contexts - 2),
          2,
          runner.liveContexts(),
          before / 1e6,
          after / 1e6);
    }
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
