package io.fleetwright.tools.bench;

import io.fleetwright.helpers.HelperConfig;
import io.fleetwright.helpers.HelperLatency;
import io.fleetwright.helpers.HelperRuntime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Benchmark 4: per-call latency of the example helper in each runtime, one line; its {@code nodes}
 * and {@code seconds} are the in-process JavaScript calls (one call provisions one node).
 */
final class HelperBench {
  private HelperBench() {}

  static BenchLine run(Path home, int calls) throws Exception {
    Path examples = home.resolve("helpers/examples");
    Map<String, String> helpers = new LinkedHashMap<>();
    helpers.put("javascript", examples.resolve("provision.js").toString());
    helpers.put("python", examples.resolve("provision.py").toString());
    helpers.put("sh", examples.resolve("provision.sh").toString());
    helpers.put("python3_subprocess", "/usr/bin/python3 " + examples.resolve("provision.py"));
    BenchLine line = null;
    for (Map.Entry<String, String> helper : helpers.entrySet()) {
      boolean subprocess = helper.getKey().equals("sh") || helper.getValue().contains(" ");
      int n = subprocess ? Math.max(10, calls / 10) : calls;
      HelperConfig config =
          HelperConfig.builder()
              .helper(helper.getValue())
              .runtime(
                  helper.getValue().contains(" ") ? HelperRuntime.SUBPROCESS : HelperRuntime.AUTO)
              .poolSize(2)
              .build();
      HelperLatency.Result r = HelperLatency.measure(config, HelperLatency.sampleRequest(), n);
      if (line == null) {
        line = BenchLine.of("helpers", r.calls(), r.seconds());
      }
      line = line.with(helper.getKey(), figures(r));
    }
    return line.with("load_average", BenchCommand.loadAverage());
  }

  private static Map<String, Object> figures(HelperLatency.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("calls", r.calls());
    m.put("first_ms", BenchLine.round(r.firstMillis()));
    m.put("mean_us", BenchLine.round(r.meanMicros()));
    m.put("p50_us", r.p50Micros());
    m.put("p99_us", r.p99Micros());
    return m;
  }
}
