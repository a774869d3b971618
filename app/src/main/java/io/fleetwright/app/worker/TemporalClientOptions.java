package io.fleetwright.app.worker;

import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.ProvisionerConfig.Secret;
import io.fleetwright.app.ProvisionerConfig.TemporalTls;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.ClientConfigTLS;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Turns our {@code temporal:} settings into the SDK's stub options through {@code
 * temporal-envconfig}, so TLS and the API key behave exactly as in Temporal's own clients.
 */
final class TemporalClientOptions {
  private TemporalClientOptions() {}

  static WorkflowServiceStubsOptions stubs(ProvisionerConfig.Temporal settings) {
    ClientConfigProfile.Builder profile =
        ClientConfigProfile.newBuilder()
            .setAddress(settings.target())
            .setNamespace(settings.namespace())
            .setTls(tls(settings.tls()));
    if (settings.apiKey().isSet()) {
      profile.setApiKey(settings.apiKey().value());
    }
    try {
      WorkflowServiceStubsOptions options = profile.build().toWorkflowServiceStubsOptions();
      // The SDK turns TLS on by itself for an API key unless told otherwise.
      return settings.tls().enabled()
          ? options
          : WorkflowServiceStubsOptions.newBuilder(options).setEnableHttps(false).build();
    } catch (RuntimeException e) {
      // Netty says which PEM it could not parse only in the cause chain.
      throw new TemporalConnectException(
          "cannot set up TLS to the Temporal frontend at "
              + settings.target()
              + ": "
              + TemporalConnectException.rootMessage(e)
              + "; check temporal.tls.ca_file, cert_file and key_file (TEMPORAL_TLS_*) are PEM"
              + " files: a certificate, and its unencrypted PKCS#8 or PKCS#1 key");
    }
  }

  private static ClientConfigTLS tls(TemporalTls tls) {
    if (!tls.enabled()) {
      return ClientConfigTLS.newBuilder().setDisabled(true).build();
    }
    ClientConfigTLS.Builder b =
        ClientConfigTLS.newBuilder()
            .setDisabled(false)
            .setDisableHostVerification(tls.disableHostVerification());
    tls.caFile().map(Path::toString).ifPresent(b::setServerCACertPath);
    tls.certFile().map(Path::toString).ifPresent(b::setClientCertPath);
    tls.keyFile().map(Path::toString).ifPresent(b::setClientKeyPath);
    tls.serverName().ifPresent(b::setServerName);
    if (tls.caFile().isEmpty() && tls.caData().isSet()) {
      b.setServerCACertData(bytes(tls.caData()));
    }
    if (tls.certFile().isEmpty() && tls.certData().isSet()) {
      b.setClientCertData(bytes(tls.certData()));
    }
    if (tls.keyFile().isEmpty() && tls.keyData().isSet()) {
      b.setClientKeyData(bytes(tls.keyData()));
    }
    return b.build();
  }

  private static byte[] bytes(Secret pem) {
    return pem.value().getBytes(StandardCharsets.UTF_8);
  }
}
