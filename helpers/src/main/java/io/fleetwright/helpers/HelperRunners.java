package io.fleetwright.helpers;

import io.fleetwright.helpers.internal.GuestLanguage;
import io.fleetwright.helpers.internal.PolyglotHelperRunner;
import io.fleetwright.helpers.internal.SubprocessHelperRunner;

/** Creates the {@link HelperRunner} that a {@link HelperConfig} asks for. */
public final class HelperRunners {
  private HelperRunners() {}

  /**
   * Creates a runner for the configured helper: a subprocess runner, or an in-process GraalJS or
   * GraalPy runner, as {@link HelperConfig#runtime()} says. In-process runners start warming their
   * context pool in the background before this returns (GraalPy's first context takes seconds).
   *
   * @param config a validated configuration
   * @return a runner; close it when done
   * @throws HelperException of kind {@link HelperException.Kind#CONFIG} if the helper cannot be
   *     prepared
   */
  public static HelperRunner create(HelperConfig config) {
    return switch (config.runtime()) {
      case SUBPROCESS -> new SubprocessHelperRunner(config);
      case JAVASCRIPT -> {
        requirePolyglot(config, "GraalJS");
        yield new PolyglotHelperRunner(config, GuestLanguage.JAVASCRIPT);
      }
      case PYTHON -> {
        requirePolyglot(config, "GraalPy");
        yield new PolyglotHelperRunner(config, GuestLanguage.PYTHON);
      }
      case AUTO -> throw new IllegalStateException("HelperConfig resolves AUTO in build()");
    };
  }

  /**
   * Only an in-process helper touches GraalVM: a subprocess helper never loads a polyglot class or
   * creates an engine, so the worker also runs on a class path without the GraalVM jars (the slim
   * image). There an in-process helper is a configuration error that names the fix. Checked before
   * {@link GuestLanguage} is touched, since its constants hold GraalVM sources.
   */
  private static void requirePolyglot(HelperConfig config, String runtime) {
    if (!polyglotAvailable()) {
      throw new HelperException(
          HelperException.Kind.CONFIG,
          "helper "
              + config.helperFile()
              + " runs in-process in "
              + runtime
              + ", but the GraalVM polyglot jars are not on the class path (the slim image"
              + " leaves them out): use the full image, or run the helper as a subprocess"
              + " (helper_runtime: subprocess, an executable helper file)");
    }
  }

  static boolean polyglotAvailable() {
    try {
      Class.forName("org.graalvm.polyglot.Engine", false, HelperRunners.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
