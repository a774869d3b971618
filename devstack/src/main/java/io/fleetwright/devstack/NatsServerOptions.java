package io.fleetwright.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Options for {@link NatsServer}. Build with {@link #builder()}. */
public final class NatsServerOptions {
  /**
   * A certificate and key, in PEM files, that make the server offer TLS while allowing plain
   * clients.
   */
  public record Tls(Path certificate, Path key) {
    /** Validates the paths. */
    public Tls {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(key, "key");
    }
  }

  private final Path binary;
  private final int port;
  private final Path workDir;
  private final int maxPayload;
  private final Duration startTimeout;
  private final Tls tls;
  private final String extraConfig;

  private NatsServerOptions(Builder b) {
    this.binary = b.binary;
    this.port = b.port;
    this.workDir = b.workDir;
    this.maxPayload = b.maxPayload;
    this.startTimeout = b.startTimeout;
    this.tls = b.tls;
    this.extraConfig = b.extraConfig;
  }

  /**
   * Starts a builder with defaults: the binary from {@link Binaries}, a free port, a new temporary
   * folder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the nats-server binary
   */
  public Path binary() {
    return binary;
  }

  /**
   * @return the port, or 0 for a free one
   */
  public int port() {
    return port;
  }

  /**
   * @return the folder holding the config and the log
   */
  public Path workDir() {
    return workDir;
  }

  /**
   * @return the largest message the server accepts, in bytes
   */
  public int maxPayload() {
    return maxPayload;
  }

  /**
   * @return how long to wait for the server to accept connections
   */
  public Duration startTimeout() {
    return startTimeout;
  }

  /**
   * @return the TLS files, when the server should offer TLS
   */
  public Optional<Tls> tls() {
    return Optional.ofNullable(tls);
  }

  /**
   * @return config text appended to the generated file (accounts, a TLS block), or empty
   */
  public String extraConfig() {
    return extraConfig;
  }

  /** Builds {@link NatsServerOptions}; {@link #build()} validates every field. */
  public static final class Builder {
    private Path binary;
    private int port;
    private Path workDir;
    private int maxPayload = 8 * 1024 * 1024;
    private Duration startTimeout = Duration.ofSeconds(20);
    private Tls tls;
    private String extraConfig = "";

    private Builder() {}

    /**
     * @param binary the nats-server binary @return this
     */
    public Builder binary(Path binary) {
      this.binary = binary;
      return this;
    }

    /**
     * @param port the port, 0 for a free one @return this
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * @param workDir the folder for config and log @return this
     */
    public Builder workDir(Path workDir) {
      this.workDir = workDir;
      return this;
    }

    /**
     * @param maxPayload the largest accepted message in bytes @return this
     */
    public Builder maxPayload(int maxPayload) {
      this.maxPayload = maxPayload;
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
     * @param tls certificate and key, to offer TLS and allow plain clients @return this
     */
    public Builder tls(Tls tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Appends nats-server config text to the generated file, e.g. {@code accounts { ... }} or a TLS
     * block with {@code verify}; the listen address and limits stay generated.
     *
     * @param text nats-server config @return this
     */
    public Builder extraConfig(String text) {
      this.extraConfig = Objects.requireNonNull(text, "extraConfig");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the options
     */
    public NatsServerOptions build() {
      if (binary == null) {
        binary =
            Binaries.require(Binaries.natsServer(), "nats-server", Binaries.NATS_SERVER_PROPERTY);
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 (free) or 1-65535, got " + port);
      }
      if (maxPayload < 1024) {
        throw new IllegalArgumentException(
            "maxPayload must be at least 1024 bytes, got " + maxPayload);
      }
      if (startTimeout.isNegative() || startTimeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive, got " + startTimeout);
      }
      if (workDir == null) {
        try {
          workDir = Files.createTempDirectory("fleetwright-nats-");
        } catch (IOException e) {
          throw new UncheckedIOException("could not create a temporary folder for nats-server", e);
        }
      }
      return new NatsServerOptions(this);
    }
  }
}
