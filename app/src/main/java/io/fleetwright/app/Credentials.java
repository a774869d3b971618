package io.fleetwright.app;

import io.fleetwright.credentials.BuiltInCa;
import io.fleetwright.credentials.CertificateSigner;
import io.fleetwright.credentials.ServerJwtSigner;
import java.time.Clock;
import java.util.Optional;

/** The provisioner's own signing keys, built from the config: the CA and the server JWT signer. */
final class Credentials {
  private Credentials() {}

  static Optional<CertificateSigner> ca(ProvisionerConfig config) {
    return config
        .ca()
        .map(
            ca ->
                BuiltInCa.openOrCreate(
                    ca.dir(), ca.commonName(), ca.validity(), Clock.systemUTC()));
  }

  static Optional<ServerJwtSigner> serverJwtSigner(ProvisionerConfig config) {
    if (!config.features().ed25519()) {
      return Optional.empty();
    }
    return config
        .jwtSigningKey()
        .map(
            file -> {
              try {
                return ServerJwtSigner.fromSeedFile(
                    file, config.serverJwtValidity(), Clock.systemUTC());
              } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                throw new ConfigException(e.getMessage());
              }
            });
  }
}
