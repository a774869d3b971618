package io.fleetwright.helpers;

import io.fleetwright.api.CsrResult;
import io.fleetwright.api.HelperInput;
import java.nio.file.Path;

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

  static HelperInput request(String identity, String inventoryJson) {
    return new HelperInput(identity, null, null, inventoryJson, null);
  }

  static HelperInput withCsr(String identity, String inventoryJson, String ssldir) {
    return new HelperInput(
        identity,
        new CsrResult(
            "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
            "-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----\n",
            ssldir),
        null,
        inventoryJson,
        "{\"cht\":\"s3cret\",\"purpose\":\"choria_provisioning\"}");
  }
}
