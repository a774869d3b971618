package io.fleetwright.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Our Go binaries, built by {@code go/build.sh} through the Go module proxy once per source and
 * toolchain version into the shared cache (later runs reuse them): the go-choria server, the same
 * server linked with another {@code build.Version} ({@code choria-upgrade}, the release the upgrade
 * tests install; its version is in {@code upgrade-version}), and the nats-server of go-choria's
 * module graph.
 */
final class ChoriaBinary {
  private static final long BUILD_MINUTES = 40;

  private ChoriaBinary() {}

  /** Builds the binaries when the cache lacks them and returns their folder. */
  static Path ensure() throws IOException, InterruptedException {
    Path script = Path.of("go", "build.sh").toAbsolutePath();
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException(
          script + " is missing or not executable: run the interop tests from the interop module");
    }
    Path log = Files.createTempFile("interop-build", ".log");
    Process build =
        new ProcessBuilder(script.toString())
            .redirectOutput(ProcessBuilder.Redirect.PIPE)
            .redirectError(log.toFile())
            .start();
    String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!build.waitFor(BUILD_MINUTES, TimeUnit.MINUTES) || build.exitValue() != 0) {
      build.destroyForcibly();
      throw new IllegalStateException(
          "building the Go Choria server failed; run "
              + script
              + " by hand to see why:\n"
              + Files.readString(log));
    }
    System.out.print(Files.readString(log));
    Path dir = Path.of(out);
    for (String name : List.of("choria", "choria-upgrade", "nats-server")) {
      if (!Files.isExecutable(dir.resolve(name))) {
        throw new IllegalStateException(script + " left no executable " + name + " in " + dir);
      }
    }
    return dir;
  }

  /** The version {@code choria-upgrade} reports, as {@code go/build.sh} linked it. */
  static String upgradeVersion(Path dir) throws IOException {
    return Files.readString(dir.resolve("upgrade-version")).strip();
  }

  /**
   * The Go {@code GOARCH} of this machine, which a real server's updater asks the repository for.
   */
  static String goArch() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }

  /** Runs the binary with arguments in a folder and returns its standard output. */
  static String run(Path binary, Path dir, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(args);
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " failed: " + out);
    }
    return out;
  }

  /** The first line a command prints, for the versions the test output records. */
  static String firstLine(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(1, TimeUnit.MINUTES);
    return out.lines().findFirst().orElse("(no output from " + command + ")");
  }
}
