package io.fleetwright.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Options of a {@link ChoriaClient}; {@link #build()} validates them (messages name the field) and
 * connects. Obtain one with {@link ChoriaClient#builder()}.
 */
public final class ChoriaClientBuilder {

  private static final Set<String> SCHEMES = Set.of("nats", "tls", "ws", "wss", "opentls");

  private @Nullable String natsUrl;
  private @Nullable String identity;
  private @Nullable String callerId;
  private String collective = Subjects.PROVISIONING;
  private Duration ttl = Duration.ofSeconds(RequestEnvelope.DEFAULT_TTL);
  private Duration quietWindow = Duration.ofMillis(300);
  private Duration connectTimeout = Duration.ofSeconds(5);
  private int maxMessageBytes = ChoriaCodec.DEFAULT_MAX_MESSAGE_BYTES;
  private Clock clock = Clock.systemUTC();
  private boolean sharedReplySubscription = true;
  private @Nullable String user;
  private char @Nullable [] password;
  private @Nullable Path credentialsFile;
  private @Nullable Path nkeyFile;
  private @Nullable SSLContext sslContext;

  ChoriaClientBuilder() {}

  /**
   * The NATS server URL, or several separated by commas. Required.
   *
   * @param natsUrl e.g. {@code nats://127.0.0.1:4222}
   * @return this builder
   */
  public ChoriaClientBuilder natsUrl(String natsUrl) {
    this.natsUrl = natsUrl;
    return this;
  }

  /**
   * The client's identity: {@code senderid} and {@code mc_sender} of its requests. Required.
   *
   * @param identity e.g. {@code provisioner.lab.local}
   * @return this builder
   */
  public ChoriaClientBuilder identity(String identity) {
    this.identity = identity;
    return this;
  }

  /**
   * The caller id; its MD5 names the reply subjects. Default {@code choria=<identity>}. Keep it
   * stable per node: servers key the provisioning lock on {@code senderid.callerid}.
   *
   * @param callerId e.g. {@code choria=provisioner.lab.local}
   * @return this builder
   */
  public ChoriaClientBuilder callerId(String callerId) {
    this.callerId = callerId;
    return this;
  }

  /**
   * The collective. Default {@code provisioning}.
   *
   * @param collective the collective
   * @return this builder
   */
  public ChoriaClientBuilder collective(String collective) {
    this.collective = collective;
    return this;
  }

  /**
   * The request ttl. Default 60 s; at least 30 s.
   *
   * @param ttl the ttl, whole seconds
   * @return this builder
   */
  public ChoriaClientBuilder ttl(Duration ttl) {
    this.ttl = ttl;
    return this;
  }

  /**
   * How long discovery waits after the last reply before it ends early. Default 300 ms, as the Go
   * discoverer.
   *
   * @param quietWindow the window
   * @return this builder
   */
  public ChoriaClientBuilder quietWindow(Duration quietWindow) {
    this.quietWindow = quietWindow;
    return this;
  }

  /**
   * How long connecting and flushing subscriptions may take. Default 5 s.
   *
   * @param connectTimeout the timeout
   * @return this builder
   */
  public ChoriaClientBuilder connectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
    return this;
  }

  /**
   * The largest message sent or accepted. Default 1 MiB.
   *
   * @param maxMessageBytes bytes, at least 1024
   * @return this builder
   */
  public ChoriaClientBuilder maxMessageBytes(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
    return this;
  }

  /**
   * The clock that stamps request times. Default the system UTC clock.
   *
   * @param clock the clock
   * @return this builder
   */
  public ChoriaClientBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /**
   * Connects as this user with this password, e.g. the Choria broker's provisioning account user
   * {@code provisioner}. At most one of this, {@link #credentialsFile} and {@link #nkeyFile}.
   *
   * @param user the NATS user
   * @param password its password; kept only in memory and never printed
   * @return this builder
   */
  public ChoriaClientBuilder userInfo(String user, char[] password) {
    this.user = user;
    this.password = password.clone();
    return this;
  }

  /**
   * Connects with a NATS credentials file (a user JWT and its nkey seed, as {@code nsc} writes).
   *
   * @param file the {@code .creds} file
   * @return this builder
   */
  public ChoriaClientBuilder credentialsFile(Path file) {
    this.credentialsFile = file;
    return this;
  }

  /**
   * Connects as an nkey user: the file holds the user's seed ({@code SU...}).
   *
   * @param file the seed file
   * @return this builder
   */
  public ChoriaClientBuilder nkeyFile(Path file) {
    this.nkeyFile = file;
    return this;
  }

  /**
   * Speaks TLS with this context (its trust managers decide which broker certificates are trusted,
   * its key managers give the client certificate), whatever the URLs' scheme. Without one, a {@code
   * tls://} URL uses the JVM's default trust store.
   *
   * @param sslContext the TLS context
   * @return this builder
   */
  public ChoriaClientBuilder sslContext(SSLContext sslContext) {
    this.sslContext = sslContext;
    return this;
  }

  /** Per-request reply subscriptions instead of the shared wildcard; kept for measurements. */
  ChoriaClientBuilder sharedReplySubscription(boolean shared) {
    this.sharedReplySubscription = shared;
    return this;
  }

  /**
   * Validates the options and connects.
   *
   * @return the connected client
   * @throws ProtocolException naming the field when an option is invalid, or when NATS cannot be
   *     reached
   */
  public ChoriaClient build() {
    return ChoriaClient.connect(settings());
  }

  /**
   * Same as {@link #build()}.
   *
   * @return the connected client
   */
  public ChoriaClient connect() {
    return build();
  }

  ClientSettings settings() {
    String self = require(identity, "identity", "provisioner.lab.local");
    NodeIdentity.validate(self);
    String caller = callerId == null ? "choria=" + self : callerId;
    if (caller.isBlank()) {
      throw new ProtocolException("callerId must not be blank, e.g. choria=" + self);
    }
    NodeIdentity.validateToken(collective, "collective");
    if (ttl == null || ttl.toSeconds() < RequestEnvelope.MIN_TTL) {
      throw new ProtocolException("ttl must be at least 30s (servers drop shorter), got " + ttl);
    }
    positive(quietWindow, "quietWindow");
    positive(connectTimeout, "connectTimeout");
    if (maxMessageBytes < 1024) {
      throw new ProtocolException("maxMessageBytes must be at least 1024, got " + maxMessageBytes);
    }
    if (clock == null) {
      throw new ProtocolException("clock must not be null");
    }
    return new ClientSettings(
        urls(require(natsUrl, "natsUrl", "nats://127.0.0.1:4222")),
        self,
        caller,
        collective,
        ttl,
        quietWindow,
        connectTimeout,
        maxMessageBytes,
        clock,
        sharedReplySubscription,
        security());
  }

  private BrokerSecurity security() {
    int ways =
        (user != null ? 1 : 0) + (credentialsFile != null ? 1 : 0) + (nkeyFile != null ? 1 : 0);
    if (ways > 1) {
      throw new ProtocolException(
          "give at most one of userInfo, credentialsFile and nkeyFile, got " + ways);
    }
    if (user != null && (user.isBlank() || password == null)) {
      throw new ProtocolException("userInfo needs a user name and a password, e.g. provisioner");
    }
    readable(credentialsFile, "credentialsFile");
    readable(nkeyFile, "nkeyFile");
    return new BrokerSecurity(user, password, credentialsFile, nkeyFile, sslContext);
  }

  private static void readable(@Nullable Path file, String field) {
    if (file != null && !Files.isReadable(file)) {
      throw new ProtocolException(
          field
              + " "
              + file
              + " does not exist or cannot be read; give the path of a readable file");
    }
  }

  private static List<String> urls(String value) {
    List<String> urls = new ArrayList<>();
    for (String part : value.split(",")) {
      String url = part.trim();
      try {
        URI uri = new URI(url);
        if (uri.getScheme() == null
            || !SCHEMES.contains(uri.getScheme())
            || uri.getHost() == null) {
          throw new URISyntaxException(url, "expected scheme://host:port with scheme nats or tls");
        }
      } catch (URISyntaxException e) {
        throw new ProtocolException(
            "natsUrl must look like nats://127.0.0.1:4222, got " + Checks.quote(url), e);
      }
      urls.add(url);
    }
    return urls;
  }

  private static String require(@Nullable String value, String field, String example) {
    if (value == null || value.isBlank()) {
      throw new ProtocolException(field + " must be set, e.g. " + example);
    }
    return value;
  }

  private static void positive(@Nullable Duration value, String field) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new ProtocolException(field + " must be positive, got " + value);
    }
  }
}
