package io.fleetwright.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * TLS on the frontend of a {@link TemporalServer}, as {@code global.tls.frontend} configures it:
 * the server's certificate and key, and client certificates required and checked against {@code
 * clientCa}. The server's own system worker, and the CLI the devstack runs, connect with {@code
 * clientCert}, trusting {@code serverCa} and checking {@code serverName}. All files are PEM.
 *
 * @param serverCert the frontend's certificate, naming {@code serverName} and 127.0.0.1
 * @param serverKey its key
 * @param serverCa the CA that signed {@code serverCert}
 * @param clientCa the CA client certificates must be signed by
 * @param clientCert a client certificate signed by {@code clientCa}
 * @param clientKey its key
 * @param serverName the name clients check the frontend's certificate against
 */
public record TemporalServerTls(
    Path serverCert,
    Path serverKey,
    Path serverCa,
    Path clientCa,
    Path clientCert,
    Path clientKey,
    String serverName) {

  /** Requires every file to exist. */
  public TemporalServerTls {
    for (Path file : List.of(serverCert, serverKey, serverCa, clientCa, clientCert, clientKey)) {
      if (!Files.isRegularFile(Objects.requireNonNull(file, "file"))) {
        throw new IllegalArgumentException("TLS file " + file + " does not exist");
      }
    }
    if (serverName == null || serverName.isBlank()) {
      throw new IllegalArgumentException("serverName must name the server certificate's DNS name");
    }
  }

  /** The {@code global.tls} block of the server's config, indented to sit under {@code global:}. */
  String render() {
    String serverNameLine = "        serverName: " + TemporalServerConfig.quote(serverName);
    String rootCas = "        rootCaFiles: [" + TemporalServerConfig.quote(abs(serverCa)) + "]";
    return String.join(
        "\n",
        "  tls:",
        "    frontend:",
        "      server:",
        "        certFile: " + TemporalServerConfig.quote(abs(serverCert)),
        "        keyFile: " + TemporalServerConfig.quote(abs(serverKey)),
        "        requireClientAuth: true",
        "        clientCaFiles: [" + TemporalServerConfig.quote(abs(clientCa)) + "]",
        "      client:",
        serverNameLine,
        rootCas,
        // The server's own worker connects to the frontend like any client: with a certificate.
        "    systemWorker:",
        "      certFile: " + TemporalServerConfig.quote(abs(clientCert)),
        "      keyFile: " + TemporalServerConfig.quote(abs(clientKey)),
        "      client:",
        serverNameLine,
        rootCas,
        "");
  }

  /** The temporal CLI's flags for the same client identity. */
  List<String> cliFlags() {
    return List.of(
        "--tls-ca-path",
        abs(serverCa),
        "--tls-cert-path",
        abs(clientCert),
        "--tls-key-path",
        abs(clientKey),
        "--tls-server-name",
        serverName);
  }

  private static String abs(Path file) {
    return file.toAbsolutePath().toString();
  }
}
