package io.fleetwright.fleet;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "binary" an emulated node installs with {@code choria_provision#release_update}: a few lines
 * of text that name the version the node then reports, published into a go-updater repository like
 * a real one. A node that installs anything else (a real go-choria binary, say) reports the version
 * it was asked for, which is what go-choria's {@code upgraded} event says too.
 *
 * <pre>{@code
 * repository.publish("0.99.0", EmulatedRelease.OS, EmulatedRelease.ARCH, EmulatedRelease.NAME,
 *     EmulatedRelease.binary("0.99.0"));
 * }</pre>
 */
public final class EmulatedRelease {
  /** The {@code GOOS} emulated nodes update for: they pose as Linux servers. */
  public static final String OS = "linux";

  /** The {@code GOARCH} emulated nodes update for. */
  public static final String ARCH = "amd64";

  /** The program name, as go-choria's packages call it. */
  public static final String NAME = "choria";

  private static final String MAGIC = "#!/bin/false\n# Fleetwright emulated Choria server\n";
  private static final Pattern VERSION = Pattern.compile("(?m)^version=(\\S{1,64})$");

  private EmulatedRelease() {}

  /**
   * Returns the program text of an emulated server that reports {@code version}.
   *
   * @param version the version a node reports after installing it
   * @return the uncompressed program
   */
  public static byte[] binary(String version) {
    if (version == null || !version.matches("\\S{1,64}")) {
      throw new FleetException(
          "emulated release: version must be 1 to 64 characters without spaces, e.g. 0.99.0, got "
              + (version == null ? "nothing" : "\"" + version + "\""));
    }
    return (MAGIC + "version=" + version + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns the version an emulated program reports, or empty for anything else.
   *
   * @param program an installed program
   * @return its version
   */
  public static Optional<String> versionOf(byte[] program) {
    String text = new String(program, StandardCharsets.UTF_8);
    if (!text.startsWith(MAGIC)) {
      return Optional.empty();
    }
    Matcher m = VERSION.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
