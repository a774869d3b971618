package io.fleetwright.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ops/webui-test/*.cjs} under node with Playwright core and Debian's Chromium, both
 * installed by {@code make setup}; a missing piece fails the test with the fix, never skips it.
 */
final class WebUiScript {
  private WebUiScript() {}

  static Path cache() {
    String configured = System.getenv("FLEETWRIGHT_CACHE");
    return configured == null || configured.isBlank()
        ? Path.of(System.getProperty("user.home"), ".cache", "fleetwright")
        : Path.of(configured);
  }

  static Path chromium() {
    Path chromium = Path.of(System.getProperty("fleetwright.chromium", "/usr/bin/chromium"));
    if (!Files.isExecutable(chromium)) {
      throw new AssertionError(
          "Chromium is not installed at "
              + chromium
              + "; run make setup (it installs Debian's chromium package)");
    }
    return chromium;
  }

  static Path nodeModules() {
    Path modules = cache().resolve("node").resolve("node_modules");
    if (!Files.isDirectory(modules.resolve("playwright-core"))) {
      throw new AssertionError(
          "playwright-core is not installed under "
              + modules
              + "; run make setup (npm ci of ops/webui-test/package.json)");
    }
    return modules;
  }

  static JsonNode run(String uiUrl, String namespace, int expected, Path shots, Path script)
      throws IOException, InterruptedException {
    return run(script, shots, uiUrl, namespace, Integer.toString(expected), shots.toString());
  }

  /** Runs {@code script} with {@code args}; its stderr goes to {@code shots/script.stderr}. */
  static JsonNode run(Path script, Path shots, String... args)
      throws IOException, InterruptedException {
    Files.createDirectories(shots);
    Path stderr = shots.resolve("script.stderr");
    List<String> command = new java.util.ArrayList<>();
    command.add("node");
    command.add(script.toAbsolutePath().normalize().toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
    pb.environment().put("FLEETWRIGHT_NODE_MODULES", nodeModules().toString());
    pb.environment().put("FLEETWRIGHT_CHROMIUM", chromium().toString());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError("could not start node (install nodejs 20+): " + e.getMessage(), e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the Web UI script did not finish in 3 minutes");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(
          "the Web UI script exited "
              + p.exitValue()
              + ": "
              + Files.readString(stderr)
              + "\nstdout: "
              + out);
    }
    String last = out.strip().lines().reduce((a, b) -> b).orElse("");
    return new ObjectMapper().readTree(last);
  }
}
