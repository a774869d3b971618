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
      case JAVASCRIPT -> new PolyglotHelperRunner(config, GuestLanguage.JAVASCRIPT);
      case PYTHON -> new PolyglotHelperRunner(config, GuestLanguage.PYTHON);
      case AUTO -> throw new IllegalStateException("HelperConfig resolves AUTO in build()");
    };
  }
}
