package io.fleetwright.app.codec;

import io.fleetwright.app.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the codec endpoint's token ({@code codec.endpoint_token_file}). */
final class EndpointToken {
  static final String MAKE_ONE = "head -c 24 /dev/urandom | base64 | tr '+/' '-_' > ";

  private EndpointToken() {}

  /**
   * The token: at least 16 characters that may stand in a URL path (letters, digits, {@code -_.~}),
   * since the Web UI carries it as {@code /<token>/decode}.
   */
  static String read(Optional<Path> file) {
    if (file.isEmpty()) {
      throw new ConfigException(
          "codec.endpoint_port is set but codec.endpoint_token_file is not: the endpoint decodes"
              + " history for whoever calls it, so it needs a token. Make one with "
              + MAKE_ONE
              + "/etc/fleetwright/codec.token; chmod 600 /etc/fleetwright/codec.token");
    }
    String token;
    try {
      token = Files.readString(file.get()).strip();
    } catch (IOException e) {
      throw new ConfigException(
          "codec.endpoint_token_file: cannot read "
              + file.get()
              + " ("
              + e.getMessage()
              + "); make one with "
              + MAKE_ONE
              + file.get());
    }
    if (!token.matches("[A-Za-z0-9._~-]{16,}")) {
      throw new ConfigException(
          "codec.endpoint_token_file "
              + file.get()
              + " must hold one token of at least 16 letters, digits or -_.~ (it goes into the"
              + " Web UI's endpoint URL); make one with "
              + MAKE_ONE
              + file.get());
    }
    return token;
  }
}
