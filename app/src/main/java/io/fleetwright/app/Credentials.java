package io.fleetwright.app;

import io.fleetwright.activities.BuiltInCa;
import io.fleetwright.activities.CertificateSigner;
import io.fleetwright.activities.ServerJwtSigner;
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
