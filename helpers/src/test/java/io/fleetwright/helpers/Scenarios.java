package io.fleetwright.helpers;

import static io.fleetwright.helpers.TestHelpers.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Scenarios shared by the JavaScript and Python runner tests. */
final class Scenarios {
  private Scenarios() {}

  /** Many threads call at once; every reply must belong to its own request. */
  static void concurrentCallsGetTheirOwnReplies(
      HelperRunner runner, int threads, int callsEach, Function<String, String> expectedMsg)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  List<String> problems = new ArrayList<>();
                  for (int i = 0; i < callsEach; i++) {
                    String identity = "node-" + thread + "-" + i + ".example.net";
                    String msg = runner.run(request(identity, "{}")).msg();
                    if (!expectedMsg.apply(identity).equals(msg)) {
                      problems.add(identity + " got " + msg);
                    }
                  }
                  return problems;
                }));
      }
      for (Future<List<String>> result : results) {
        assertEquals(List.of(), result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Writes {@code code} to {@code file} and gives it a modification time of its own. */
  static void write(Path file, String code, int version) throws IOException {
    Files.writeString(file, code);
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + version * 1000L));
  }

  static HelperException failsWith(
      HelperRunner runner, HelperException.Kind kind, String... parts) {
    HelperException e = assertThrows(HelperException.class, () -> runner.run(request("n1", "{}")));
    assertEquals(kind, e.kind(), e.getMessage());
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
    return e;
  }
}
