package io.fleetwright.helpers;

import io.fleetwright.helpers.internal.CommandLine;
import io.fleetwright.helpers.internal.ProgramResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The validated settings of one helper. Build it with {@link #builder()}; {@link Builder#build()}
 * checks every setting, resolves {@link HelperRuntime#AUTO} by the helper file's extension,
 * resolves the program of a subprocess helper to an absolute path, and throws a {@link
 * HelperException} of kind {@link HelperException.Kind#CONFIG} whose message names the setting and
 * the fix.
 *
 * <p>Relative paths are resolved against the provisioner's current directory.
 */
public final class HelperConfig {
  /** Default {@code helper_timeout}: 10 s, as in the Go provisioner. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Default cap on a helper's stdout (1 MiB); a helper writing more is killed. */
  public static final int DEFAULT_MAX_OUTPUT_BYTES = 1 << 20;

  /** Default size of the kept stderr tail (64 KiB). */
  public static final int DEFAULT_MAX_STDERR_BYTES = 64 << 10;

  /** Default JavaScript statement limit per call. */
  public static final long DEFAULT_STATEMENT_LIMIT = 10_000_000L;

  /** Default PATH of subprocess helpers. */
  public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

  private final String helper;
  private final HelperRuntime runtime;
  private final List<String> command;
  private final Duration timeout;
  private final int maxOutputBytes;
  private final int maxStderrBytes;
  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final int poolSize;
  private final long statementLimit;
  private final Duration interruptGrace;
  private final @Nullable Path cacheDirectory;

  private HelperConfig(Builder b, HelperRuntime runtime, List<String> command, Path workDir) {
    this.helper = b.helper;
    this.runtime = runtime;
    this.command = command;
    this.timeout = b.timeout;
    this.maxOutputBytes = b.maxOutputBytes;
    this.maxStderrBytes = b.maxStderrBytes;
    this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
    this.workingDirectory = workDir;
    this.poolSize = b.poolSize;
    this.statementLimit = b.statementLimit;
    this.interruptGrace = b.interruptGrace;
    this.cacheDirectory = b.cacheDirectory;
  }

  /**
   * Starts a builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The {@code helper} setting as given: a command line or a helper file.
   *
   * @return the setting
   */
  public String helper() {
    return helper;
  }

  /**
   * The runtime, with {@link HelperRuntime#AUTO} already resolved.
   *
   * @return never {@link HelperRuntime#AUTO}
   */
  public HelperRuntime runtime() {
    return runtime;
  }

  /**
   * The helper command split into words, the first one an absolute path. For an in-process runtime
   * this is the one absolute helper file.
   *
   * @return the words
   */
  public List<String> command() {
    return command;
  }

  /**
   * The helper file of an in-process runtime.
   *
   * @return the absolute file path
   */
  public Path helperFile() {
    return Path.of(command.get(0));
  }

  /**
   * The {@code helper_timeout}: the wall-clock limit of one call.
   *
   * @return a positive duration
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The cap on stdout (subprocess) or on the returned JSON (in-process), in bytes.
   *
   * @return a positive byte count
   */
  public int maxOutputBytes() {
    return maxOutputBytes;
  }

  /**
   * How much of stderr (or guest output) is kept, in bytes.
   *
   * @return a positive byte count
   */
  public int maxStderrBytes() {
    return maxStderrBytes;
  }

  /**
   * Extra environment variables for subprocess helpers (on top of PATH and LANG).
   *
   * @return an unmodifiable map
   */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * The working directory of subprocess helpers.
   *
   * @return an absolute directory
   */
  public Path workingDirectory() {
    return workingDirectory;
  }

  /**
   * The maximum number of guest contexts of an in-process runner, i.e. of concurrent calls.
   *
   * @return at least 1
   */
  public int poolSize() {
    return poolSize;
  }

  /**
   * The JavaScript statement limit per call.
   *
   * @return at least 1
   */
  public long statementLimit() {
    return statementLimit;
  }

  /**
   * How long an interrupted guest may take to stop before its context is cancelled.
   *
   * @return a positive duration
   */
  public Duration interruptGrace() {
    return interruptGrace;
  }

  /**
   * The directory for the polyglot resource cache, if configured.
   *
   * @return the directory, or empty to use {@code ~/.cache/org.graalvm.polyglot} when writable
   */
  public Optional<Path> cacheDirectory() {
    return Optional.ofNullable(cacheDirectory);
  }

  @Override
  public String toString() {
    return "HelperConfig[helper=" + helper + ", runtime=" + runtime.configName() + "]";
  }

  /** Collects settings; {@link #build()} validates them. Setters return this builder. */
  public static final class Builder {
    private @Nullable String helper;
    private HelperRuntime runtime = HelperRuntime.AUTO;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;
    private int maxStderrBytes = DEFAULT_MAX_STDERR_BYTES;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private @Nullable Path workingDirectory;
    private int poolSize = Math.max(2, Runtime.getRuntime().availableProcessors());
    private long statementLimit = DEFAULT_STATEMENT_LIMIT;
    private Duration interruptGrace = Duration.ofMillis(500);
    private @Nullable Path cacheDirectory;

    private Builder() {}

    /**
     * Sets {@code helper}: the command line of a subprocess helper (split like a shell would, no
     * shell involved), or the path of a {@code .js}/{@code .mjs}/{@code .py} helper file.
     *
     * @param helper the setting
     * @return this builder
     */
    public Builder helper(String helper) {
      this.helper = helper;
      return this;
    }

    /**
     * Sets {@code helper_runtime}; {@link HelperRuntime#AUTO} by default.
     *
     * @param runtime the runtime
     * @return this builder
     */
    public Builder runtime(HelperRuntime runtime) {
      this.runtime = runtime;
      return this;
    }

    /**
     * Sets {@code helper_timeout}; 10 s by default.
     *
     * @param timeout a positive duration of at most 10 minutes
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the stdout cap; 1 MiB by default.
     *
     * @param bytes at least 1024
     * @return this builder
     */
    public Builder maxOutputBytes(int bytes) {
      this.maxOutputBytes = bytes;
      return this;
    }

    /**
     * Sets how much stderr is kept; 64 KiB by default.
     *
     * @param bytes at least 1024
     * @return this builder
     */
    public Builder maxStderrBytes(int bytes) {
      this.maxStderrBytes = bytes;
      return this;
    }

    /**
     * Adds an environment variable for subprocess helpers. PATH may be overridden this way; nothing
     * else of the provisioner's environment is passed on.
     *
     * @param name the variable name
     * @param value its value
     * @return this builder
     */
    public Builder environment(String name, String value) {
      this.environment.put(name, value);
      return this;
    }

    /**
     * Sets the working directory of subprocess helpers; the current directory by default.
     *
     * @param directory an existing directory
     * @return this builder
     */
    public Builder workingDirectory(Path directory) {
      this.workingDirectory = directory;
      return this;
    }

    /**
     * Sets the number of pooled guest contexts (concurrent in-process calls); by default the number
     * of CPUs, at least 2.
     *
     * @param size 1 to 256
     * @return this builder
     */
    public Builder poolSize(int size) {
      this.poolSize = size;
      return this;
    }

    /**
     * Sets the JavaScript statement limit per call; 10 000 000 by default.
     *
     * @param limit at least 1
     * @return this builder
     */
    public Builder statementLimit(long limit) {
      this.statementLimit = limit;
      return this;
    }

    /**
     * Sets how long a timed-out guest may take to stop before its context is cancelled; 500 ms by
     * default.
     *
     * @param grace a positive duration
     * @return this builder
     */
    public Builder interruptGrace(Duration grace) {
      this.interruptGrace = grace;
      return this;
    }

    /**
     * Sets the polyglot resource cache directory (GraalPy extracts ~24 MB there). This is JVM-wide:
     * the first in-process runner created decides, and an explicit {@code
     * -Dpolyglot.engine.userResourceCache} wins over it.
     *
     * @param directory a writable directory
     * @return this builder
     */
    public Builder cacheDirectory(Path directory) {
      this.cacheDirectory = directory;
      return this;
    }

    /**
     * Validates the settings and resolves the runtime and the helper program.
     *
     * @return the configuration
     * @throws HelperException of kind {@link HelperException.Kind#CONFIG} naming the setting
     */
    public HelperConfig build() {
      checkLimits();
      if (helper == null || helper.isBlank()) {
        throw config(
            "helper: not set; set it to a helper file (e.g. /etc/fleetwright/provision.js) or a"
                + " command line (e.g. '/usr/local/bin/provision --site lab')");
      }
      List<String> words;
      try {
        words = CommandLine.split(helper);
      } catch (IllegalArgumentException e) {
        throw config("helper: cannot split '" + helper + "': " + e.getMessage());
      }
      if (words.isEmpty()) {
        throw config("helper: '" + helper + "' holds no command");
      }
      Path workDir = resolveWorkingDirectory();
      HelperRuntime resolved = runtime == null ? resolveAuto(words.get(0)) : runtime;
      if (resolved == HelperRuntime.AUTO) {
        resolved = resolveAuto(words.get(0));
      }
      List<String> command =
          resolved == HelperRuntime.SUBPROCESS
              ? ProgramResolver.resolveCommand(
                  words, environment.getOrDefault("PATH", DEFAULT_PATH))
              : List.of(inProcessFile(words, resolved).toString());
      return new HelperConfig(this, resolved, command, workDir);
    }

    private void checkLimits() {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw config("helper_timeout: must be positive, e.g. 10s (got " + timeout + ")");
      }
      if (timeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw config("helper_timeout: at most 10m, e.g. 10s (got " + timeout + ")");
      }
      if (maxOutputBytes < 1024 || maxStderrBytes < 1024) {
        throw config(
            "helper output limits: at least 1024 bytes each (got stdout "
                + maxOutputBytes
                + ", stderr "
                + maxStderrBytes
                + ")");
      }
      if (poolSize < 1 || poolSize > 256) {
        throw config("helper pool size: 1 to 256, e.g. 4 (got " + poolSize + ")");
      }
      if (statementLimit < 1) {
        throw config("helper statement limit: at least 1 (got " + statementLimit + ")");
      }
      if (interruptGrace == null || interruptGrace.isNegative() || interruptGrace.isZero()) {
        throw config("helper interrupt grace: must be positive (got " + interruptGrace + ")");
      }
      environment.forEach(
          (name, value) -> {
            if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || value == null) {
              throw config(
                  "helper environment: invalid variable '" + name + "'; use NAME=value pairs");
            }
          });
    }

    private Path resolveWorkingDirectory() {
      Path dir = (workingDirectory == null ? Path.of("") : workingDirectory).toAbsolutePath();
      if (!Files.isDirectory(dir)) {
        throw config(
            "helper working directory: " + dir + " is not a directory; create it or set another");
      }
      return dir.normalize();
    }

    private static HelperRuntime resolveAuto(String program) {
      String lower = program.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".js") || lower.endsWith(".mjs")) {
        return HelperRuntime.JAVASCRIPT;
      }
      return lower.endsWith(".py") ? HelperRuntime.PYTHON : HelperRuntime.SUBPROCESS;
    }

    private static Path inProcessFile(List<String> words, HelperRuntime runtime) {
      String kind = runtime.configName();
      if (words.size() > 1) {
        throw config(
            "helper: an in-process "
                + kind
                + " helper is one file and takes no arguments (got '"
                + String.join(" ", words)
                + "'); drop the arguments or set helper_runtime: subprocess");
      }
      Path file = Path.of(words.get(0)).toAbsolutePath().normalize();
      if (!Files.isRegularFile(file)) {
        throw config(
            "helper: the "
                + kind
                + " helper file "
                + file
                + " does not exist; set helper to the path of your helper file"
                + " (examples are in helpers/examples/)");
      }
      if (!Files.isReadable(file)) {
        throw config("helper: the helper file " + file + " is not readable; check its permissions");
      }
      return file;
    }

    private static HelperException config(String message) {
      return new HelperException(HelperException.Kind.CONFIG, message);
    }
  }
}
