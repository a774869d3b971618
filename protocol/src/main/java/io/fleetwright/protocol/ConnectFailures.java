package io.fleetwright.protocol;

import io.fleetwright.protocol.BrokerConnectException.Reason;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Turns a failed first connection into one line that says why and what to check. */
final class ConnectFailures {
  private ConnectFailures() {}

  static BrokerConnectException explain(
      ClientSettings settings,
      Exception thrown,
      @Nullable String serverError,
      @Nullable Exception exception) {
    Throwable cause = exception != null ? exception : thrown;
    String text =
        (serverError + " " + chain(thrown) + " " + chain(exception)).toLowerCase(Locale.ROOT);
    Reason reason = classify(text, hasSsl(thrown) || hasSsl(exception));
    String detail =
        serverError != null ? serverError : innermost(exception != null ? exception : thrown);
    String problem =
        "could not connect to NATS at "
            + String.join(",", settings.natsUrls())
            + " as "
            + settings.identity()
            + ": "
            + problem(reason, settings)
            + " ("
            + detail
            + ")";
    return new BrokerConnectException(reason, settings.natsUrls(), problem, fix(reason), cause);
  }

  private static Reason classify(String text, boolean ssl) {
    if (text.contains("authorization violation") || text.contains("authentication")) {
      return Reason.AUTHORIZATION;
    }
    if (text.contains("tls required")
        || text.contains("ssl required")
        || text.contains("ssl connection wanted by server")) {
      return Reason.TLS_REQUIRED;
    }
    if (text.contains("subject alternative") || text.contains("no name matching")) {
      return Reason.WRONG_HOST;
    }
    if (text.contains("pkix") || text.contains("certification path")) {
      return Reason.UNTRUSTED_CERTIFICATE;
    }
    return ssl || text.contains("handshake") ? Reason.TLS_HANDSHAKE : Reason.UNREACHABLE;
  }

  private static String problem(Reason reason, ClientSettings settings) {
    return switch (reason) {
      case AUTHORIZATION ->
          settings.security().hasLogin()
              ? "the broker refused " + settings.security().describe()
              : "the broker wants a login and none is configured";
      case UNTRUSTED_CERTIFICATE -> "the broker's TLS certificate is not trusted";
      case WRONG_HOST -> "the broker's TLS certificate is for another host";
      case TLS_HANDSHAKE -> "the TLS handshake failed";
      case TLS_REQUIRED -> "the broker requires TLS";
      case UNREACHABLE -> "no broker answered";
    };
  }

  private static String fix(Reason reason) {
    return switch (reason) {
      case AUTHORIZATION -> "check the user and password, credentials file or nkey";
      case UNTRUSTED_CERTIFICATE -> "trust the CA that signed the broker's certificate";
      case WRONG_HOST -> "dial the broker by a name its certificate holds";
      case TLS_HANDSHAKE -> "check the CA and, if the broker asks for one, the client certificate";
      case TLS_REQUIRED -> "use a tls:// URL or give TLS settings";
      case UNREACHABLE -> "check that nats-server is running there and the URL is right";
    };
  }

  /** The deepest message, e.g. {@code unable to find valid certification path ...}. */
  private static String innermost(Throwable t) {
    String message = t.toString();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        message = c.getMessage();
      }
    }
    return message;
  }

  private static String chain(@Nullable Throwable t) {
    StringBuilder text = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      text.append(c).append(' ');
    }
    return text.toString();
  }

  private static boolean hasSsl(@Nullable Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SSLException) {
        return true;
      }
    }
    return false;
  }
}
