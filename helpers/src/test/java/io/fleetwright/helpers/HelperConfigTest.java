package io.fleetwright.helpers;

import static io.fleetwright.helpers.TestHelpers.example;
import static io.fleetwright.helpers.TestHelpers.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelperConfigTest {

  private static HelperException configError(HelperConfig.Builder builder) {
    HelperException e = assertThrows(HelperException.class, builder::build);
    assertEquals(HelperException.Kind.CONFIG, e.kind(), e.getMessage());
    return e;
  }

  private static void assertMentions(HelperException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
  }

  @Test
  void choosesTheRuntimeByFileExtension() {
    assertEquals(
        HelperRuntime.JAVASCRIPT,
        HelperConfig.builder().helper(example("provision.js").toString()).build().runtime());
    assertEquals(
        HelperRuntime.JAVASCRIPT,
        HelperConfig.builder().helper(script("js/module.mjs").toString()).build().runtime());
    assertEquals(
        HelperRuntime.PYTHON,
        HelperConfig.builder().helper(example("provision.py").toString()).build().runtime());
    assertEquals(
        HelperRuntime.SUBPROCESS,
        HelperConfig.builder().helper(example("provision.sh").toString()).build().runtime());
  }

  @Test
  void letsHelperRuntimeOverrideTheExtension() {
    HelperConfig config =
        HelperConfig.builder()
            .helper(example("provision.py").toString())
            .runtime(HelperRuntime.parse("subprocess"))
            .build();
    assertEquals(HelperRuntime.SUBPROCESS, config.runtime());
    HelperConfig js =
        HelperConfig.builder()
            .helper(script("js/loop.js").toString())
            .runtime(HelperRuntime.PYTHON)
            .build();
    assertEquals(HelperRuntime.PYTHON, js.runtime());
  }

  @Test
  void resolvesTheProgramToAnAbsolutePathWithTheHelpersPath() {
    HelperConfig config =
        HelperConfig.builder().helper("python3 'my helper.py' --site lab").build();
    assertEquals(List.of("/usr/bin/python3", "my helper.py", "--site", "lab"), config.command());
  }

  @Test
  void namesTheMissingHelperFileAndTheSettingToFix() {
    assertMentions(
        configError(HelperConfig.builder().helper("/nonexistent/provision.js")),
        "/nonexistent/provision.js does not exist",
        "set helper to");
    assertMentions(
        configError(HelperConfig.builder().helper("/nonexistent/provision")),
        "/nonexistent/provision does not exist");
    assertMentions(configError(HelperConfig.builder()), "helper: not set");
  }

  @Test
  void explainsHowToRunANonExecutableScript() {
    assertMentions(
        configError(HelperConfig.builder().helper(script("not-executable.sh").toString())),
        "is not executable",
        "chmod +x");
  }

  @Test
  void namesAProgramThatIsNotInThePath() {
    assertMentions(
        configError(HelperConfig.builder().helper("no-such-helper-program --x")),
        "'no-such-helper-program' not found in the helper's PATH=/usr/local/bin:/usr/bin:/bin");
  }

  @Test
  void rejectsArgumentsForAnInProcessHelper() {
    assertMentions(
        configError(HelperConfig.builder().helper(example("provision.js") + " --site lab")),
        "takes no arguments",
        "helper_runtime: subprocess");
  }

  @Test
  void rejectsBadLimitsNamingTheSetting() {
    String js = example("provision.js").toString();
    assertMentions(
        configError(HelperConfig.builder().helper(js).timeout(Duration.ZERO)), "helper_timeout");
    assertMentions(configError(HelperConfig.builder().helper(js).poolSize(0)), "pool size");
    assertMentions(
        configError(HelperConfig.builder().helper(js).environment("A=B", "x")),
        "helper environment");
    assertMentions(
        configError(
            HelperConfig.builder()
                .helper(js)
                .workingDirectory(java.nio.file.Path.of("/nonexistent"))),
        "working directory");
  }

  @Test
  void namesTheValidRuntimes() {
    HelperException e = assertThrows(HelperException.class, () -> HelperRuntime.parse("ruby"));
    assertMentions(e, "helper_runtime", "'ruby'", "auto, subprocess, javascript, python");
  }
}
