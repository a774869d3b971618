package io.fleetwright.helpers.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One polyglot {@link Engine} per language (and statement limit, which all contexts of an engine
 * must share), kept for the life of the JVM: the engine caches parsed code across contexts and
 * runners, which makes every context after the first cheap (GraalPy: ~0.5 s instead of ~5 s).
 */
final class SharedEngines {
  private static final Logger log = LoggerFactory.getLogger(SharedEngines.class);
  private static final String CACHE_PROPERTY = "polyglot.engine.userResourceCache";
  private static final Map<String, Engine> ENGINES = new ConcurrentHashMap<>();

  private SharedEngines() {}

  static Engine engine(GuestLanguage language, long statementLimit, Optional<Path> cacheDir) {
    String key = language.id() + "/" + (language.supportsStatementLimit() ? statementLimit : 0);
    return ENGINES.computeIfAbsent(key, k -> build(language, cacheDir));
  }

  private static Engine build(GuestLanguage language, Optional<Path> cacheDir) {
    configureResourceCache(cacheDir);
    Engine engine =
        Engine.newBuilder(language.id())
            .sandbox(SandboxPolicy.CONSTRAINED)
            .out(OutputStream.nullOutputStream())
            .err(new LogStream(log))
            .option("engine.WarnInterpreterOnly", "false")
            .build();
    log.info(
        "polyglot engine for {} ready ({} runtime {})",
        language.id(),
        engine.getImplementationName(),
        engine.getVersion());
    return engine;
  }

  /**
   * GraalPy extracts its home (~24 MB) into a resource cache on first use, by default under {@code
   * ~/.cache}; point it somewhere writable when that is not.
   */
  private static synchronized void configureResourceCache(Optional<Path> configured) {
    if (System.getProperty(CACHE_PROPERTY) != null) {
      return;
    }
    if (configured.isPresent()) {
      System.setProperty(CACHE_PROPERTY, configured.get().toAbsolutePath().toString());
      return;
    }
    Path home = Path.of(System.getProperty("user.home", "/nonexistent"));
    if (writable(home.resolve(".cache").resolve("org.graalvm.polyglot"))) {
      return;
    }
    Path fallback =
        Path.of(System.getProperty("java.io.tmpdir"))
            .resolve("fleetwright-polyglot-cache-" + System.getProperty("user.name", "user"));
    if (writable(fallback)) {
      log.info("{} is not writable; using {} as the polyglot resource cache", home, fallback);
      System.setProperty(CACHE_PROPERTY, fallback.toString());
    }
  }

  private static boolean writable(Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.isWritable(dir);
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** Sends engine diagnostics to the log, one line at a time. */
  private static final class LogStream extends OutputStream {
    private final Logger logger;
    private final StringBuilder line = new StringBuilder();

    LogStream(Logger logger) {
      this.logger = logger;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        if (!line.isEmpty()) {
          logger.warn("polyglot engine: {}", line);
        }
        line.setLength(0);
      } else if (line.length() < 4096) {
        line.append((char) (b & 0xff));
      }
    }
  }
}
