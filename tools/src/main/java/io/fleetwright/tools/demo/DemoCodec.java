package io.fleetwright.tools.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The demo's payload codec: a key in {@code <data>/codec.key} (created mode 0600 when missing) and
 * a port for the codec endpoint the dev server's Web UI decodes through.
 */
record DemoCodec(Path keyFile, int port) {
  static final int PREFERRED_PORT = 8089;

  static DemoCodec prepare(Path dataDir, PrintStream log) {
    Path key = dataDir.toAbsolutePath().resolve("codec.key");
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(key)) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Files.createFile(
            key,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, Base64.getEncoder().encodeToString(bytes) + "\n");
        log.println("demo: created the payload codec key " + key + " (mode 0600)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the codec key " + key, e);
    }
    return new DemoCodec(key, freePort());
  }

  Optional<String> endpointUrl() {
    return Optional.of("http://127.0.0.1:" + port);
  }

  /** The {@code codec:} section; the UI's origin may read the endpoint's answers. */
  String configSection(Optional<String> uiUrl) {
    String origins =
        uiUrl
            .map(u -> "\"" + u + "\", \"" + u.replace("127.0.0.1", "localhost") + "\"")
            .orElse("\"http://127.0.0.1:8233\"");
    return """
        codec:
          key_file: "%s"
          endpoint_port: %d
          cors_origins: [%s]
        """
        .formatted(keyFile, port, origins);
  }

  private static int freePort() {
    for (int port : new int[] {PREFERRED_PORT, 0}) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        return socket.getLocalPort();
      } catch (IOException e) {
        // taken: try any free port
      }
    }
    throw new IllegalStateException("no free port for the codec endpoint on 127.0.0.1");
  }
}
