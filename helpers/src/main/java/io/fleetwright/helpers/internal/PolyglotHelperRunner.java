package io.fleetwright.helpers.internal;

import io.fleetwright.api.HelperInput;
import io.fleetwright.helpers.HelperConfig;
import io.fleetwright.helpers.HelperException;
import io.fleetwright.helpers.HelperResponse;
import io.fleetwright.helpers.HelperRunner;
import io.fleetwright.helpers.HelperRuntime;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a JavaScript or Python helper file in-process, in sandboxed GraalVM contexts taken from a
 * bounded pool over one shared engine. JSON text crosses the boundary in both directions; the reply
 * is validated like a subprocess reply. A changed file takes effect on the next call. The pool is
 * warmed in the background at construction (GraalPy's first context takes seconds).
 */
public final class PolyglotHelperRunner implements HelperRunner {
  private static final Logger log = LoggerFactory.getLogger(PolyglotHelperRunner.class);
  private static final int WARM_CONTEXTS = 2;

  private final HelperConfig config;
  private final GuestLanguage language;
  private final HelperSource source;
  private final Watchdog watchdog;
  private final ContextPool pool;
  private final CompletableFuture<Void> warmUp;
  private volatile boolean closed;

  /**
   * Creates the runner and starts warming its pool.
   *
   * @param config a configuration for an in-process runtime
   * @param language the guest language
   */
  public PolyglotHelperRunner(HelperConfig config, GuestLanguage language) {
    this.config = config;
    this.language = language;
    this.source = new HelperSource(config.helperFile(), language);
    this.watchdog = new Watchdog(config.interruptGrace());
    Engine engine =
        SharedEngines.engine(language, config.statementLimit(), config.cacheDirectory());
    this.pool =
        new ContextPool(
            config.poolSize(),
            version ->
                GuestContext.create(
                    engine, language, version, config, watchdog, source.fileName()));
    this.warmUp = CompletableFuture.runAsync(this::warm, runnable -> daemon(runnable).start());
  }

  private void warm() {
    long started = System.nanoTime();
    try {
      pool.prefill(source.current(), WARM_CONTEXTS);
      log.info(
          "helper {} ready: {} {} contexts warmed in {} ms",
          name(),
          Math.min(WARM_CONTEXTS, config.poolSize()),
          language.id(),
          (System.nanoTime() - started) / 1_000_000);
    } catch (HelperException e) {
      log.warn("helper {} is not ready yet: {}", name(), e.getMessage());
    }
  }

  /**
   * Completes when the background warm-up finished (successfully or not); for callers that want the
   * first call to be fast.
   *
   * @return the warm-up
   */
  public CompletableFuture<Void> warmUp() {
    return warmUp;
  }

  @Override
  public HelperResponse run(HelperInput request) {
    if (closed) {
      throw new HelperException(
          HelperException.Kind.CRASHED, "helper " + name() + " cannot run: its runner is closed");
    }
    long started = System.nanoTime();
    String input = HostJson.writeString(request);
    // A free context may take a while: another thread may be creating one (seconds in GraalPy).
    GuestContext guest = pool.take(source.current(), GuestContext.loadLimit(config), name());
    try {
      String json = invoke(guest, input);
      HelperResponse response = validate(guest, json, request);
      if (log.isDebugEnabled()) {
        log.debug(
            "helper {} answered for {} in {} µs{}",
            name(),
            request.identity(),
            (System.nanoTime() - started) / 1000,
            guest.hasOutput() ? "; " + guest.output() : "");
      }
      return response;
    } catch (HelperException e) {
      log.warn("helper call for {} failed: {}", request.identity(), e.getMessage());
      throw e;
    } finally {
      pool.give(guest);
    }
  }

  private String invoke(GuestContext guest, String input) {
    Watchdog.Ticket ticket = watchdog.arm(guest, config.timeout());
    Value result;
    try {
      result = guest.call(input);
    } catch (PolyglotException e) {
      ticket.disarm();
      throw GuestErrors.whileCalling(name(), e, ticket.fired(), config, guest);
    } catch (IllegalStateException e) {
      guest.markBroken();
      throw new HelperException(
          HelperException.Kind.CRASHED,
          "helper " + name() + " failed: its context was closed (" + e.getMessage() + ")",
          e);
    } finally {
      ticket.disarm();
    }
    if (result == null || !result.isString()) {
      throw new HelperException(
          HelperException.Kind.INVALID_OUTPUT,
          "helper "
              + name()
              + " failed: provision() returned "
              + (result == null || result.isNull() ? "nothing" : result.toString())
              + "; it must return an object such as {\"defer\": true, \"msg\": \"why\"}; "
              + guest.output());
    }
    String json = result.asString();
    if (json.length() > config.maxOutputBytes()
        || json.getBytes(StandardCharsets.UTF_8).length > config.maxOutputBytes()) {
      throw new HelperException(
          HelperException.Kind.INVALID_OUTPUT,
          "helper "
              + name()
              + " failed: its reply is larger than "
              + config.maxOutputBytes()
              + " bytes as JSON; a reply is one small object");
    }
    return json;
  }

  private HelperResponse validate(GuestContext guest, String json, HelperInput request) {
    try {
      return ResponseValidator.parse(name(), json, request);
    } catch (HelperException e) {
      throw new HelperException(
          e.kind(), e.getMessage() + (guest.hasOutput() ? "; " + guest.output() : ""), e);
    }
  }

  /**
   * Creates guest contexts now, blocking, until {@code contexts} exist (at most the pool size); for
   * callers that want the whole pool ready before traffic arrives.
   *
   * @param contexts how many contexts should exist
   * @throws HelperException if the helper file does not load
   */
  public void prefill(int contexts) {
    pool.prefill(source.current(), contexts);
  }

  /** The number of guest contexts alive now (idle or lent); for tests and metrics. */
  public int liveContexts() {
    return pool.liveCount();
  }

  @Override
  public String name() {
    return config.helperFile().toString();
  }

  @Override
  public HelperRuntime runtime() {
    return language.runtime();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pool.close();
    watchdog.close();
  }

  private static Thread daemon(Runnable runnable) {
    Thread t = new Thread(runnable, "helper-warm-up");
    t.setDaemon(true);
    return t;
  }
}
