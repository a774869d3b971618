package io.fleetwright.helpers.internal;

import io.fleetwright.helpers.HelperConfig;
import io.fleetwright.helpers.HelperException;
import java.io.InputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * One sandboxed guest context with the helper file evaluated in it. Used by one thread at a time
 * (the pool guarantees it); a context that was cancelled, exited or hit a limit is marked broken
 * and never reused.
 */
final class GuestContext {
  // CONSTRAINED also wants no mutable target mappings; NONE alone still allows them.
  private static final HostAccess NO_HOST_ACCESS =
      HostAccess.newBuilder(HostAccess.NONE).allowMutableTargetMappings().build();

  private final Context context;
  private final long generation;
  private final BoundedBuffer out;
  private final BoundedBuffer err;
  private final boolean resetLimits;
  private Value provision;
  private Value bridge;
  private volatile boolean broken;

  private GuestContext(
      Context context, long generation, BoundedBuffer out, BoundedBuffer err, boolean resetLimits) {
    this.context = context;
    this.generation = generation;
    this.out = out;
    this.err = err;
    this.resetLimits = resetLimits;
  }

  /**
   * Builds a deny-everything context and evaluates the helper file in it under the watchdog.
   *
   * @throws HelperException when the file does not evaluate or defines no {@code provision}
   */
  static GuestContext create(
      Engine engine,
      GuestLanguage language,
      HelperSource.Version version,
      HelperConfig config,
      Watchdog watchdog,
      String fileName) {
    BoundedBuffer out = BoundedBuffer.tail(config.maxStderrBytes());
    BoundedBuffer err = BoundedBuffer.tail(config.maxStderrBytes());
    Context.Builder builder =
        Context.newBuilder(language.id())
            .engine(engine)
            .sandbox(SandboxPolicy.CONSTRAINED)
            .allowHostAccess(NO_HOST_ACCESS)
            .allowHostClassLookup(className -> false)
            .allowIO(IOAccess.NONE)
            .allowCreateProcess(false)
            .allowCreateThread(false)
            .allowNativeAccess(false)
            .allowEnvironmentAccess(EnvironmentAccess.NONE)
            .allowPolyglotAccess(PolyglotAccess.NONE)
            .in(InputStream.nullInputStream())
            .out(out)
            .err(err);
    if (language.supportsStatementLimit()) {
      builder.resourceLimits(
          ResourceLimits.newBuilder().statementLimit(config.statementLimit(), null).build());
    }
    if (language.isModule(fileName)) {
      builder.option("js.esm-eval-returns-exports", "true");
    }
    Context context;
    try {
      context = builder.build();
    } catch (RuntimeException e) {
      throw new HelperException(
          HelperException.Kind.CRASHED,
          "cannot create a "
              + language.id()
              + " context for helper "
              + config.helperFile()
              + ": "
              + e.getMessage(),
          e);
    }
    GuestContext guest =
        new GuestContext(
            context, version.generation(), out, err, language.supportsStatementLimit());
    guest.load(language, version, config, watchdog, fileName);
    return guest;
  }

  private void load(
      GuestLanguage language,
      HelperSource.Version version,
      HelperConfig config,
      Watchdog watchdog,
      String fileName) {
    try {
      // Initialising the language runs no helper code; GraalPy needs seconds here the first time.
      context.initialize(language.id());
      Watchdog.Ticket ticket = watchdog.arm(this, loadLimit(config));
      try {
        Value evaluated = context.eval(version.source());
        provision = language.provisionFunction(context, evaluated, fileName);
        bridge = context.eval(language.bridge());
      } catch (org.graalvm.polyglot.PolyglotException e) {
        ticket.disarm();
        throw GuestErrors.whileLoading(config.helper(), e, ticket.fired(), config, this);
      } finally {
        ticket.disarm();
      }
      if (provision == null || !provision.canExecute()) {
        throw new HelperException(
            HelperException.Kind.CRASHED,
            "helper "
                + config.helperFile()
                + " defines no function provision(input); define "
                + language.example()
                + (language.isModule(fileName) ? " and export it" : ""));
      }
    } catch (RuntimeException e) {
      markBroken();
      cancel();
      throw e;
    }
  }

  /**
   * Loading runs top-level code and imports, which a cold GraalPy interprets slowly (seconds on a
   * busy machine), so it gets at least a minute; an endless loop there is still stopped.
   */
  static java.time.Duration loadLimit(HelperConfig config) {
    java.time.Duration floor = java.time.Duration.ofMinutes(1);
    return config.timeout().compareTo(floor) > 0 ? config.timeout() : floor;
  }

  /** Runs {@code provision(JSON.parse(input))} and returns the reply JSON, or null for none. */
  Value call(String inputJson) {
    if (resetLimits) {
      context.resetLimits();
    }
    out.reset();
    err.reset();
    return bridge.execute(provision, inputJson);
  }

  Context context() {
    return context;
  }

  long generation() {
    return generation;
  }

  boolean broken() {
    return broken;
  }

  void markBroken() {
    broken = true;
  }

  /** The guest's recent stdout and stderr, for messages. */
  String output() {
    String o = out.text();
    String e = err.text();
    return "guest stdout tail: " + Text.tail(o, 500) + "; guest stderr tail: " + Text.tail(e, 1000);
  }

  boolean hasOutput() {
    return out.total() > 0 || err.total() > 0;
  }

  /** Cancels anything running and closes the context; never throws. */
  void cancel() {
    try {
      context.close(true);
    } catch (RuntimeException e) {
      // A cancelled or limit-exhausted context rethrows its cause on close; it is gone either way.
    }
  }

  /** Closes an idle context; never throws. */
  void close() {
    try {
      context.close();
    } catch (RuntimeException e) {
      cancel();
    }
  }
}
