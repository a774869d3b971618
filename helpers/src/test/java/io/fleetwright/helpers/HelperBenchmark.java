package io.fleetwright.helpers;

import io.fleetwright.api.HelperInput;
import io.fleetwright.helpers.internal.PolyglotHelperRunner;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
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
  private static final HelperInput REQUEST = HelperLatency.sampleRequest();

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
    HelperLatency.Result r = HelperLatency.measure(config, REQUEST, calls);
    System.out.printf(
        Locale.ROOT,
        "%-24s %8d %10.1f %10.1f %10d %10d%n",
        name,
        r.calls(),
        r.firstMillis(),
        r.meanMicros(),
        r.p50Micros(),
        r.p99Micros());
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
