package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.FleetException;
import io.fleetwright.fleet.TargetResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Brokers listed in a text file: one URL (or a comma separated list) per line, {@code #} comments.
 */
public record UrlFileTargets(Path file) implements TargetResolver {

  @Override
  public List<String> resolve() {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new FleetException(
          "Could not read broker list " + file + ": " + e + "; write one nats://host:port per line",
          e);
    }
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String text = line.strip();
      if (!text.isEmpty() && !text.startsWith("#")) {
        out.addAll(BrokerUrls.parseList(text, "broker list " + file));
      }
    }
    if (out.isEmpty()) {
      throw new FleetException(
          "Broker list " + file + " holds no URLs; write one nats://host:port per line");
    }
    return out;
  }

  @Override
  public String describe() {
    return "broker list file " + file;
  }
}
