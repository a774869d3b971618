package io.fleetwright.protocol;

import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * How a client proves itself to the broker: at most one of a user and password, a NATS credentials
 * file or an nkey seed file, and TLS with its own context (CA, client certificate) when given.
 */
record BrokerSecurity(
    @Nullable String user,
    char @Nullable [] password,
    @Nullable Path credentialsFile,
    @Nullable Path nkeyFile,
    @Nullable SSLContext sslContext) {

  static final BrokerSecurity NONE = new BrokerSecurity(null, null, null, null, null);

  /** Adds the credentials and TLS context to the connection options. */
  void apply(Options.Builder options) {
    if (user != null && password != null) {
      options.userInfo(user.toCharArray(), password.clone());
    }
    if (credentialsFile != null) {
      options.authHandler(Nats.credentials(credentialsFile.toString()));
    }
    if (nkeyFile != null) {
      options.authHandler(Nats.credentials(null, nkeyFile.toString()));
    }
    if (sslContext != null) {
      options.sslContext(HostCheckingTls.wrap(sslContext));
    }
  }

  /**
   * Adds TLS for {@code tls://} brokers when no context was given: the JVM's default, with the
   * broker's host name checked too.
   */
  void applyDefaultTls(Options.Builder options, java.util.List<String> urls) {
    if (sslContext == null && urls.stream().anyMatch(u -> u.startsWith("tls://"))) {
      try {
        options.sslContext(HostCheckingTls.wrap(SSLContext.getDefault()));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new ProtocolException("the JVM offers no default TLS context for " + urls, e);
      }
    }
  }

  /** Whether any credential is presented. */
  boolean hasLogin() {
    return user != null || credentialsFile != null || nkeyFile != null;
  }

  /** Which credential the client presents, for messages; never the secret itself. */
  String describe() {
    if (user != null) {
      return "user " + user + " with a password";
    }
    if (credentialsFile != null) {
      return "the credentials file " + credentialsFile;
    }
    if (nkeyFile != null) {
      return "the nkey seed file " + nkeyFile;
    }
    return "no credentials";
  }

  @Override
  public String toString() {
    return "BrokerSecurity[" + describe() + (sslContext == null ? "" : ", TLS") + "]";
  }
}
