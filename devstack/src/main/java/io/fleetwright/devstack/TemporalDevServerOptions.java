package io.fleetwright.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Options for {@link TemporalDevServer}. Build with {@link #builder()}. */
public final class TemporalDevServerOptions {
  private static final Set<String> TYPES =
      Set.of("Text", "Keyword", "Int", "Double", "Bool", "Datetime", "KeywordList");
  private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error", "never");

  private final Path binary;
  private final int port;
  private final boolean uiEnabled;
  private final int uiPort;
  private final int metricsPort;
  private final Path workDir;
  private final Path databaseFile;
  private final String namespace;
  private final Map<String, String> searchAttributes;
  private final Map<String, String> dynamicConfig;
  private final Map<String, String> environment;
  private final String logLevel;
  private final Duration startTimeout;
  private final String codecEndpoint;

  private TemporalDevServerOptions(Builder b) {
    binary = b.binary;
    port = b.port;
    uiEnabled = b.uiEnabled;
    uiPort = b.uiPort;
    metricsPort = b.metricsPort;
    workDir = b.workDir;
    databaseFile = b.databaseFile;
    namespace = b.namespace;
    searchAttributes = Map.copyOf(b.searchAttributes);
    dynamicConfig = Map.copyOf(b.dynamicConfig);
    environment = Map.copyOf(b.environment);
    logLevel = b.logLevel;
    startTimeout = b.startTimeout;
    codecEndpoint = b.codecEndpoint;
  }

  /**
   * Starts a builder with defaults: headless, free ports, a SQLite file in a new temporary folder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the temporal CLI binary
   */
  public Path binary() {
    return binary;
  }

  /**
   * @return the gRPC port, 0 for a free one
   */
  public int port() {
    return port;
  }

  /**
   * @return whether the Web UI runs
   */
  public boolean uiEnabled() {
    return uiEnabled;
  }

  /**
   * @return the Web UI port, 0 for a free one
   */
  public int uiPort() {
    return uiPort;
  }

  /**
   * @return the server metrics port, 0 for a free one
   */
  public int metricsPort() {
    return metricsPort;
  }

  /**
   * @return the folder holding the log (and by default the database)
   */
  public Path workDir() {
    return workDir;
  }

  /**
   * @return the SQLite file
   */
  public Path databaseFile() {
    return databaseFile;
  }

  /**
   * @return the namespace
   */
  public String namespace() {
    return namespace;
  }

  /**
   * @return search attribute name to type, registered on start
   */
  public Map<String, String> searchAttributes() {
    return searchAttributes;
  }

  /**
   * @return dynamic config values
   */
  public Map<String, String> dynamicConfig() {
    return dynamicConfig;
  }

  /**
   * @return variables added to the server's environment, e.g. {@code GOGC}
   */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * @return the server log level
   */
  public String logLevel() {
    return logLevel;
  }

  /**
   * @return how long to wait for the server
   */
  public Duration startTimeout() {
    return startTimeout;
  }

  /**
   * @return the codec server URL the Web UI should use
   */
  public Optional<String> codecEndpoint() {
    return Optional.ofNullable(codecEndpoint);
  }

  /** Builds {@link TemporalDevServerOptions}; {@link #build()} validates every field. */
  public static final class Builder {
    private Path binary;
    private int port;
    private boolean uiEnabled;
    private int uiPort;
    private int metricsPort;
    private Path workDir;
    private Path databaseFile;
    private String namespace = "default";
    private final Map<String, String> searchAttributes = new LinkedHashMap<>();
    private final Map<String, String> dynamicConfig = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String logLevel = "warn";
    private Duration startTimeout = Duration.ofSeconds(90);
    private String codecEndpoint;

    private Builder() {
      dynamicConfig.put("frontend.enableServerVersionCheck", "false");
    }

    /**
     * @param binary the temporal CLI @return this
     */
    public Builder binary(Path binary) {
      this.binary = binary;
      return this;
    }

    /**
     * @param port the gRPC port, 0 for a free one @return this
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * @param uiPort the Web UI port (0 for a free one); turns the UI on @return this
     */
    public Builder ui(int uiPort) {
      this.uiEnabled = true;
      this.uiPort = uiPort;
      return this;
    }

    /**
     * @param metricsPort the server metrics port, 0 for a free one @return this
     */
    public Builder metricsPort(int metricsPort) {
      this.metricsPort = metricsPort;
      return this;
    }

    /**
     * @param workDir the folder for the log and, by default, the database @return this
     */
    public Builder workDir(Path workDir) {
      this.workDir = workDir;
      return this;
    }

    /**
     * @param databaseFile the SQLite file (kept across restarts) @return this
     */
    public Builder databaseFile(Path databaseFile) {
      this.databaseFile = databaseFile;
      return this;
    }

    /**
     * @param namespace the namespace to use (created if missing) @return this
     */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /**
     * @param name a search attribute @param type its type, e.g. Keyword or Int @return this
     */
    public Builder searchAttribute(String name, String type) {
      searchAttributes.put(name, type);
      return this;
    }

    /**
     * @param attributes search attribute name to type @return this
     */
    public Builder searchAttributes(Map<String, String> attributes) {
      searchAttributes.putAll(attributes);
      return this;
    }

    /**
     * @param key a dynamic config key @param jsonValue its JSON value @return this
     */
    public Builder dynamicConfig(String key, String jsonValue) {
      dynamicConfig.put(key, jsonValue);
      return this;
    }

    /**
     * @param name an environment variable of the server process @param value its value @return this
     */
    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /**
     * Applies the settings recommended for one worker set provisioning a burst of nodes against
     * this dev server (docs/benchmarks.md, "Server tuning"), measured with {@code bin/provisioner
     * bench --only throughput}:
     *
     * <ul>
     *   <li>{@code system.enableActivityEagerExecution}: a node-changing activity scheduled by a
     *       workflow task comes back in the reply to that task's completion, so it skips the
     *       transfer queue and matching;
     *   <li>{@code matching.numTaskqueueRead/WritePartitions} = 1: one worker set polls each task
     *       queue, so the default 4 partitions only make matching forward polls between them;
     *   <li>{@code GOGC=400} with {@code GOMEMLIMIT=1GiB}: Go's garbage collector took 6% of the
     *       server's CPU in the last profile; a higher GOGC collects less often, and the limit
     *       keeps a burst's garbage bounded.
     *   <li>{@code system.forceSearchAttributesCacheRefreshOnRead} = false: {@code start-dev} turns
     *       the search-attribute cache off unless told, so every start, upsert and visibility write
     *       read the cluster metadata and the namespace from SQLite again, about 15 reads per node
     *       (the server's {@code persistence_requests} metrics). The search attributes this stack
     *       uses are registered when the server starts ({@link #searchAttribute}), so the cache
     *       never hides one.
     * </ul>
     *
     * <p>The log level stays {@code warn} (the default here), and the SQLite pragmas stay {@code
     * journal_mode=WAL} and {@code synchronous=NORMAL} (always set): the server also starts with
     * {@code cache_size}, {@code mmap_size} or {@code temp_store}, but those were not measured, and
     * the server's statement re-parsing is not a pragma matter. The dev server's history cache
     * (8,096 executions) is far above the runs one worker keeps in flight.
     *
     * @return this
     */
    public Builder tunedForThroughput() {
      dynamicConfig.put("system.enableActivityEagerExecution", "true");
      dynamicConfig.put("matching.numTaskqueueReadPartitions", "1");
      dynamicConfig.put("matching.numTaskqueueWritePartitions", "1");
      environment.put("GOGC", "400");
      environment.put("GOMEMLIMIT", "1GiB");
      dynamicConfig.put("system.forceSearchAttributesCacheRefreshOnRead", "false");
      return this;
    }

    /**
     * @param logLevel debug, info, warn, error or never @return this
     */
    public Builder logLevel(String logLevel) {
      this.logLevel = logLevel;
      return this;
    }

    /**
     * @param startTimeout how long to wait for the server @return this
     */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    /**
     * @param url the codec server the Web UI should call @return this
     */
    public Builder codecEndpoint(String url) {
      this.codecEndpoint = url;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the options
     */
    public TemporalDevServerOptions build() {
      if (binary == null) {
        binary = Binaries.require(Binaries.temporal(), "temporal CLI", Binaries.TEMPORAL_PROPERTY);
      }
      for (int p : new int[] {port, uiPort, metricsPort}) {
        if (p < 0 || p > 65535) {
          throw new IllegalArgumentException("ports must be 0 (free) or 1-65535, got " + p);
        }
      }
      searchAttributes.forEach(
          (name, type) -> {
            if (!TYPES.contains(type)) {
              throw new IllegalArgumentException(
                  "searchAttribute " + name + " has type " + type + "; use one of " + TYPES);
            }
          });
      if (!LEVELS.contains(logLevel)) {
        throw new IllegalArgumentException(
            "logLevel must be one of " + LEVELS + ", got " + logLevel);
      }
      if (namespace == null || namespace.isBlank()) {
        throw new IllegalArgumentException("namespace must not be blank, e.g. \"default\"");
      }
      if (workDir == null) {
        try {
          workDir = Files.createTempDirectory("fleetwright-temporal-");
        } catch (IOException e) {
          throw new UncheckedIOException("could not create a temporary folder for temporal", e);
        }
      }
      if (databaseFile == null) {
        databaseFile = workDir.resolve("temporal.db");
      }
      return new TemporalDevServerOptions(this);
    }
  }
}
