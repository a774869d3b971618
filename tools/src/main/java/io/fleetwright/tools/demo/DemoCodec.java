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
 * The demo's payload codec: a key in {@code <data>/codec.key} and the codec endpoint's token in
 * {@code <data>/codec.token} (each created mode 0600 when missing), and a port for the codec
 * endpoint the dev server's Web UI decodes through. The UI is given the endpoint URL with the token
 * as its first path segment, the one way a fixed token reaches the endpoint from the UI.
 */
record DemoCodec(Path keyFile, Path tokenFile, String token, int port) {
  static final int PREFERRED_PORT = 8089;

  static DemoCodec prepare(Path dataDir, PrintStream log) {
    Path key = dataDir.toAbsolutePath().resolve("codec.key");
    Path token = dataDir.toAbsolutePath().resolve("codec.token");
    try {
      Files.createDirectories(dataDir);
      if (secretFile(key, Base64.getEncoder(), 32)) {
        log.println("demo: created the payload codec key " + key + " (mode 0600)");
      }
      secretFile(token, Base64.getUrlEncoder().withoutPadding(), 24);
      return new DemoCodec(key, token, Files.readString(token).strip(), freePort());
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the codec key or token in " + dataDir, e);
    }
  }

  /** Writes {@code bytes} random bytes, encoded, to a new mode-0600 file; false if it exists. */
  private static boolean secretFile(Path file, Base64.Encoder encoder, int bytes)
      throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, encoder.encodeToString(random) + "\n");
    return true;
  }

  /** The URL the Web UI calls {@code /decode} under: the token is its path. */
  Optional<String> endpointUrl() {
    return Optional.of("http://127.0.0.1:" + port + "/" + token);
  }

  /** The endpoint's address without the token, for messages. */
  String endpointHost() {
    return "http://127.0.0.1:" + port + "/<token in " + tokenFile + ">";
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
          endpoint_token_file: "%s"
          cors_origins: [%s]
        """
        .formatted(keyFile, port, tokenFile, origins);
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
