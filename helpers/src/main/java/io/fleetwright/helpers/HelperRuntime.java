package io.fleetwright.helpers;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a helper runs: the {@code helper_runtime} setting. {@link #AUTO} (the default) chooses by the
 * helper file's extension: {@code .js}/{@code .mjs} run in GraalJS, {@code .py} in GraalPy,
 * anything else as a subprocess.
 */
public enum HelperRuntime {
  /** Choose by the file extension of the helper. */
  AUTO,
  /** Run the helper command line as a child process speaking JSON on stdin/stdout. */
  SUBPROCESS,
  /** Run the helper file in-process in a sandboxed GraalJS context. */
  JAVASCRIPT,
  /** Run the helper file in-process in a sandboxed GraalPy context. */
  PYTHON;

  /**
   * The name used in configuration files ({@code subprocess}, {@code javascript}, ...).
   *
   * @return the lower-case name
   */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a {@code helper_runtime} value.
   *
   * @param value one of {@code auto}, {@code subprocess}, {@code javascript}, {@code python}
   *     (case-insensitive); null or blank means {@link #AUTO}
   * @return the runtime
   * @throws HelperException of kind {@link HelperException.Kind#CONFIG} naming the valid values
   */
  public static HelperRuntime parse(String value) {
    if (value == null || value.isBlank()) {
      return AUTO;
    }
    for (HelperRuntime runtime : values()) {
      if (runtime.configName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return runtime;
      }
    }
    String valid =
        Arrays.stream(values()).map(HelperRuntime::configName).collect(Collectors.joining(", "));
    throw new HelperException(
        HelperException.Kind.CONFIG,
        "helper_runtime: unknown value '" + value + "'; use one of " + valid + " (e.g. 'auto')");
  }
}
