package io.fleetwright.app.worker;

import io.fleetwright.app.ProvisionerConfig;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Locale;

/**
 * The Temporal frontend could not be reached or refused us; the message names the frontend, what
 * came back and the setting to fix, on one line.
 */
public final class TemporalConnectException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the frontend, what came back and the setting to fix
   */
  public TemporalConnectException(String message) {
    super(message);
  }

  /** Explains a failed health check by what the TLS layer or the server said. */
  static TemporalConnectException of(
      ProvisionerConfig.Temporal settings, StatusRuntimeException e) {
    String cause = rootMessage(e);
    String lower = cause.toLowerCase(Locale.ROOT);
    Status.Code code = e.getStatus().getCode();
    String at = "the Temporal frontend at " + settings.target();
    String fix;
    if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
      fix =
          at
              + " refused our credentials ("
              + code
              + ": "
              + e.getStatus().getDescription()
              + "); check temporal.api_key_file (TEMPORAL_API_KEY) and temporal.namespace";
    } else if (lower.contains("bad_certificate")
        || lower.contains("certificate_required")
        || lower.contains("unknown_ca")
        || lower.contains("certificate_unknown")
        || lower.contains("access_denied")) {
      fix =
          at
              + (settings.tls().mutual()
                  ? " refused our client certificate ("
                  : " requires a client certificate and we have none (")
              + cause
              + "); set temporal.tls.cert_file and temporal.tls.key_file"
              + " (TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH) to a certificate"
              + " signed by a CA the frontend trusts";
    } else if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
      fix =
          at
              + " presented a certificate for another name ("
              + cause
              + "); set temporal.tls.server_name (TEMPORAL_TLS_SERVER_NAME) to a name in it";
    } else if (lower.contains("pkix") || lower.contains("certification path")) {
      fix =
          at
              + " presented a certificate we do not trust ("
              + cause
              + "); set temporal.tls.ca_file (TEMPORAL_TLS_SERVER_CA_CERT_PATH) to the CA that"
              + " signed it";
    } else if (lower.contains("not an ssl/tls record") || lower.contains("notsslrecord")) {
      fix =
          at
              + " does not speak TLS ("
              + cause
              + "); set temporal.tls.enabled: false (TEMPORAL_TLS=false) or use its TLS port";
    } else {
      fix =
          "cannot reach "
              + at
              + " ("
              + code
              + (cause.isEmpty() ? "" : ": " + cause)
              + "); start one (make demo starts a dev server) or set temporal.target"
              + " (TEMPORAL_ADDRESS); if it requires TLS set temporal.tls.* (TEMPORAL_TLS_*)";
    }
    return new TemporalConnectException(fix);
  }

  /** The innermost message, on one line; the outer ones only wrap it. */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    String message = "";
    while (t != null) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return message.replaceAll("\\s+", " ").trim();
  }
}
