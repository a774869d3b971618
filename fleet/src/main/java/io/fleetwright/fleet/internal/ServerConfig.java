package io.fleetwright.fleet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The few Choria server settings the emulator understands, with Choria's parsing rules. */
final class ServerConfig {
  static final String PROVISION = "plugin.choria.server.provision";

  private ServerConfig() {}

  /** Choria's boolean words; empty when the text is none of them. */
  static Optional<Boolean> bool(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "1", "yes", "true", "y", "t", "on" -> Optional.of(true);
      case "0", "no", "false", "n", "f", "off" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /** True when the settings switch provisioning mode on. */
  static boolean provisioningEnabled(Map<String, String> settings) {
    String value = settings.get(PROVISION);
    return value != null && bool(value).orElse(false);
  }

  /**
   * True when a server started with these settings provisions: they say so, or they do not decide
   * and the provisioning JWT's default ({@code chpd}, true for emulated nodes) applies.
   */
  static boolean provisionsAtStart(Map<String, String> settings) {
    return !settings.containsKey(PROVISION) || provisioningEnabled(settings);
  }

  /** Returns why Choria would refuse to parse these settings, or empty when they are fine. */
  static Optional<String> problem(Map<String, String> settings) {
    String provision = settings.get(PROVISION);
    if (provision != null && bool(provision).isEmpty()) {
      return Optional.of(
          PROVISION + " must be a boolean such as false or true, got '" + provision + "'");
    }
    if (collectives(settings).stream().anyMatch(c -> !c.matches("[A-Za-z0-9_-]+"))) {
      return Optional.of("collectives must be names made of letters, digits, '_' and '-'");
    }
    return Optional.empty();
  }

  /**
   * Returns the collectives of a normal-mode server, main collective first: {@code main_collective}
   * and {@code collectives} (comma separated), defaulting to {@code mcollective}.
   */
  static List<String> collectives(Map<String, String> settings) {
    List<String> out = new ArrayList<>();
    String main = settings.getOrDefault("main_collective", "").strip();
    if (!main.isEmpty()) {
      out.add(main);
    }
    for (String part : settings.getOrDefault("collectives", "").split(",")) {
      String name = part.strip();
      if (!name.isEmpty() && !out.contains(name)) {
        out.add(name);
      }
    }
    if (out.isEmpty()) {
      out.add("mcollective");
    }
    return out;
  }
}
