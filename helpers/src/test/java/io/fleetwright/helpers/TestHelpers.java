package io.fleetwright.helpers;

import java.nio.file.Path;
import java.util.Map;

/** Paths of the test helper scripts and examples, and request shorthands. */
final class TestHelpers {
  private TestHelpers() {}

  /** A script under src/test/resources/helpers (read in place: the copy would lose its +x bit). */
  static Path script(String name) {
    return Path.of("src/test/resources/helpers").resolve(name).toAbsolutePath();
  }

  /** An example under helpers/examples. */
  static Path example(String name) {
    return Path.of("examples").resolve(name).toAbsolutePath();
  }

  static HelperRequest request(String identity, String inventoryJson) {
    return HelperRequest.of(identity, inventoryJson);
  }

  static HelperRequest withCsr(String identity, String inventoryJson, String ssldir) {
    return new HelperRequest(
        identity,
        new HelperRequest.Csr(
            "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
            "-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----\n",
            ssldir),
        null,
        inventoryJson,
        Map.of("cht", "s3cret", "purpose", "choria_provisioning"));
  }
}
