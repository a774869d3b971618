package io.fleetwright.app.cli;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.config.Durations;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * Every {@link Duration} flag takes a Choria duration ({@code 90s}, {@code 10m}, {@code 1h30m}), as
 * the config does; a bare number is seconds, and ISO-8601 ({@code PT2S}) still works.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String text = value.trim();
    try {
      if (text.matches("\\d+(\\.\\d+)?")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
      }
      if (text.startsWith("P") || text.startsWith("p")) {
        return Duration.parse(text);
      }
      return Durations.parse("duration", text);
    } catch (ConfigException | DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration; write it like 90s, 10m, 1h or 1d");
    }
  }
}
