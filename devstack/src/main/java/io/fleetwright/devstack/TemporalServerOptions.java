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

/** Options for {@link TemporalServer}. Build with {@link #builder()}. */
public final class TemporalServerOptions {
  /** The history shard count unless told otherwise; docker-compose.yml uses the same. */
  public static final int DEFAULT_HISTORY_SHARDS = 4;

  private static final Set<String> TYPES =
      Set.of("Text", "Keyword", "Int", "Double", "Bool", "Datetime", "KeywordList");
  private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");

  private final Path serverBinary;
  private final Path sqlTool;
  private final Path cli;
  private final Path postgresBin;
  private final Path workDir;
  private final int historyShards;
  private final String namespace;
  private final Duration retention;
  private final Map<String, String> searchAttributes;
  private final Path dynamicConfigFile;
  private final String logLevel;
  private final Duration startTimeout;
  private final TemporalServerTls frontendTls;

  private TemporalServerOptions(Builder b) {
    serverBinary = b.serverBinary;
    sqlTool = b.sqlTool;
    cli = b.cli;
    postgresBin = b.postgresBin;
    workDir = b.workDir;
    historyShards = b.historyShards;
    namespace = b.namespace;
    retention = b.retention;
    searchAttributes = Map.copyOf(b.searchAttributes);
    dynamicConfigFile = b.dynamicConfigFile;
    logLevel = b.logLevel;
    startTimeout = b.startTimeout;
    frontendTls = b.frontendTls;
  }

  /**
   * Starts a builder with defaults: the binaries from {@link Binaries}, 4 history shards, the
   * {@code default} namespace with 3 days' retention, a new temporary folder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the Temporal server binary ({@code temporal-server})
   */
  public Path serverBinary() {
    return serverBinary;
  }

  /**
   * @return Temporal's SQL schema tool ({@code temporal-sql-tool})
   */
  public Path sqlTool() {
    return sqlTool;
  }

  /**
   * @return the temporal CLI, for health checks, the namespace and search attributes
   */
  public Path cli() {
    return cli;
  }

  /**
   * @return the folder holding PostgreSQL's initdb and postgres
   */
  public Path postgresBin() {
    return postgresBin;
  }

  /**
   * @return the folder holding the server's config and log
   */
  public Path workDir() {
    return workDir;
  }

  /**
   * @return the number of history shards (fixed when the database is created)
   */
  public int historyShards() {
    return historyShards;
  }

  /**
   * @return the namespace, created on the first start
   */
  public String namespace() {
    return namespace;
  }

  /**
   * @return how long closed workflows are kept
   */
  public Duration retention() {
    return retention;
  }

  /**
   * @return search attribute name to type, registered on the first start
   */
  public Map<String, String> searchAttributes() {
    return searchAttributes;
  }

  /**
   * @return the dynamic config file the server reads, or empty for one that only turns off the
   *     version check (no call home)
   */
  public Optional<Path> dynamicConfigFile() {
    return Optional.ofNullable(dynamicConfigFile);
  }

  /**
   * @return the server log level
   */
  public String logLevel() {
    return logLevel;
  }

  /**
   * @return how long to wait for PostgreSQL, and again for the server
   */
  public Duration startTimeout() {
    return startTimeout;
  }

  /**
   * @return TLS on the frontend, with client certificates required; empty for plain text
   */
  public Optional<TemporalServerTls> frontendTls() {
    return Optional.ofNullable(frontendTls);
  }

  /** Builds {@link TemporalServerOptions}; {@link #build()} validates every field. */
  public static final class Builder {
    private Path serverBinary;
    private Path sqlTool;
    private Path cli;
    private Path postgresBin;
    private Path workDir;
    private int historyShards = DEFAULT_HISTORY_SHARDS;
    private String namespace = "default";
    private Duration retention = Duration.ofDays(3);
    private final Map<String, String> searchAttributes = new LinkedHashMap<>();
    private Path dynamicConfigFile;
    private String logLevel = "warn";
    private Duration startTimeout = Duration.ofSeconds(90);
    private TemporalServerTls frontendTls;

    private Builder() {}

    /**
     * @param tls TLS on the frontend with client certificates required (mTLS) @return this
     */
    public Builder frontendTls(TemporalServerTls tls) {
      this.frontendTls = tls;
      return this;
    }

    /**
     * @param serverBinary the {@code temporal-server} binary @return this
     */
    public Builder serverBinary(Path serverBinary) {
      this.serverBinary = serverBinary;
      return this;
    }

    /**
     * @param sqlTool the {@code temporal-sql-tool} binary @return this
     */
    public Builder sqlTool(Path sqlTool) {
      this.sqlTool = sqlTool;
      return this;
    }

    /**
     * @param cli the temporal CLI @return this
     */
    public Builder cli(Path cli) {
      this.cli = cli;
      return this;
    }

    /**
     * @param postgresBin the folder holding initdb, postgres, pg_ctl, pg_isready @return this
     */
    public Builder postgresBin(Path postgresBin) {
      this.postgresBin = postgresBin;
      return this;
    }

    /**
     * @param workDir the folder for the server's config and log @return this
     */
    public Builder workDir(Path workDir) {
      this.workDir = workDir;
      return this;
    }

    /**
     * @param historyShards 1 to 16384; fixed for the life of the database @return this
     */
    public Builder historyShards(int historyShards) {
      this.historyShards = historyShards;
      return this;
    }

    /**
     * @param namespace the namespace to create @return this
     */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /**
     * @param retention how long closed workflows are kept, whole hours @return this
     */
    public Builder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    /**
     * @param attributes search attribute name to type, e.g. Keyword or Int @return this
     */
    public Builder searchAttributes(Map<String, String> attributes) {
      searchAttributes.putAll(attributes);
      return this;
    }

    /**
     * @param file a dynamic config YAML file, e.g. ops/compose/dynamicconfig.yaml @return this
     */
    public Builder dynamicConfigFile(Path file) {
      this.dynamicConfigFile = file;
      return this;
    }

    /**
     * @param logLevel debug, info, warn or error @return this
     */
    public Builder logLevel(String logLevel) {
      this.logLevel = logLevel;
      return this;
    }

    /**
     * @param startTimeout how long to wait for PostgreSQL, and for the server @return this
     */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the options
     */
    public TemporalServerOptions build() {
      if (serverBinary == null) {
        serverBinary =
            Binaries.require(
                Binaries.temporalServer(), "temporal-server", Binaries.TEMPORAL_SERVER_PROPERTY);
      }
      if (sqlTool == null) {
        sqlTool =
            Binaries.require(
                Binaries.temporalSqlTool(),
                "temporal-sql-tool",
                Binaries.TEMPORAL_SQL_TOOL_PROPERTY);
      }
      if (cli == null) {
        cli = Binaries.require(Binaries.temporal(), "temporal CLI", Binaries.TEMPORAL_PROPERTY);
      }
      if (postgresBin == null) {
        postgresBin =
            Binaries.require(
                Binaries.postgresBin(),
                "PostgreSQL (initdb under /usr/lib/postgresql/N/bin)",
                Binaries.POSTGRES_BIN_PROPERTY);
      }
      validate();
      if (workDir == null) {
        try {
          workDir = Files.createTempDirectory("fleetwright-temporal-server-");
        } catch (IOException e) {
          throw new UncheckedIOException("could not create a temporary folder for temporal", e);
        }
      }
      return new TemporalServerOptions(this);
    }

    private void validate() {
      if (historyShards < 1 || historyShards > 16384) {
        throw new IllegalArgumentException(
            "historyShards must be 1 to 16384, e.g. 4, got " + historyShards);
      }
      if (namespace == null || namespace.isBlank()) {
        throw new IllegalArgumentException("namespace must not be blank, e.g. \"default\"");
      }
      if (retention == null
          || retention.toHours() < 1
          || !retention.equals(retention.truncatedTo(java.time.temporal.ChronoUnit.HOURS))) {
        throw new IllegalArgumentException(
            "retention must be whole hours, at least 1, e.g. Duration.ofDays(3), got " + retention);
      }
      searchAttributes.forEach(
          (name, type) -> {
            if (!TYPES.contains(type)) {
              throw new IllegalArgumentException(
                  "searchAttribute " + name + " has type " + type + "; use one of " + TYPES);
            }
          });
      if (dynamicConfigFile != null && !Files.isRegularFile(dynamicConfigFile)) {
        throw new IllegalArgumentException(
            "dynamicConfigFile "
                + dynamicConfigFile
                + " is not a file; e.g. ops/compose/dynamicconfig.yaml");
      }
      if (!LEVELS.contains(logLevel)) {
        throw new IllegalArgumentException(
            "logLevel must be one of " + LEVELS + ", got " + logLevel);
      }
    }
  }
}
