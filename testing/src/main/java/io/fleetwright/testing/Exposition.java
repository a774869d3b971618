package io.fleetwright.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus text format 0.0.4, parsed as strictly as Prometheus parses a scrape: a family's {@code
 * # TYPE} line appears once, and every sample line belongs to the family declared before it ({@code
 * NAME} for counters and gauges, {@code NAME_sum}/{@code NAME_count} and quantiles for summaries,
 * {@code NAME_bucket}/{@code _sum}/{@code _count} for histograms). Also loads the Go provisioner's
 * metric lists kept as test data under {@code go-provisioner/}.
 */
public final class Exposition {
  private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: \\d+)?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_]\\w*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * One sample line.
   *
   * @param name the sample name, e.g. {@code x_sum}
   * @param labels its labels
   * @param value its value
   */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /**
   * One family.
   *
   * @param name the family name of its {@code # TYPE} line
   * @param type {@code counter}, {@code gauge}, {@code summary}, {@code histogram} or {@code
   *     untyped}
   * @param samples its samples in order
   */
  public record Family(String name, String type, List<Sample> samples) {}

  /**
   * A metric of the Go provisioner, from {@code go-provisioner/metrics-v0.16.0.txt}.
   *
   * @param name its name
   * @param type {@code counter}, {@code gauge} or {@code summary}
   * @param labels its label names
   */
  public record GoMetric(String name, String type, Set<String> labels) {}

  private Exposition() {}

  /**
   * Parses a scrape; throws, naming the line, where Prometheus would refuse it.
   *
   * @param text the body of {@code /metrics}
   * @return the families by name, in order
   */
  public static Map<String, Family> parse(String text) {
    Map<String, Family> families = new LinkedHashMap<>();
    Family current = null;
    for (String line : text.split("\n")) {
      Matcher type = TYPE.matcher(line);
      if (type.matches()) {
        current = new Family(type.group(1), type.group(2), new ArrayList<>());
        if (families.put(current.name(), current) != null) {
          throw new IllegalStateException("second TYPE line for " + current.name());
        }
      } else if (!line.isBlank() && !line.startsWith("#")) {
        Sample sample = sample(line);
        if (current == null || !belongs(sample.name(), current)) {
          throw new IllegalStateException(
              "sample outside its family ("
                  + (current == null ? "none" : current.name())
                  + "): "
                  + line);
        }
        current.samples().add(sample);
      }
    }
    return families;
  }

  private static Sample sample(String line) {
    Matcher m = SAMPLE.matcher(line);
    if (!m.matches()) {
      throw new IllegalStateException("not a sample line: " + line);
    }
    Map<String, String> labels = new TreeMap<>();
    if (m.group(2) != null) {
      Matcher l = LABEL.matcher(m.group(2));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
    }
    return new Sample(
        m.group(1), labels, Double.parseDouble(m.group(3).replace("Inf", "Infinity")));
  }

  private static boolean belongs(String sample, Family f) {
    String n = f.name();
    return switch (f.type()) {
      case "summary" ->
          sample.equals(n) || sample.equals(n + "_sum") || sample.equals(n + "_count");
      case "histogram" ->
          sample.equals(n + "_bucket") || sample.equals(n + "_sum") || sample.equals(n + "_count");
      default -> sample.equals(n);
    };
  }

  /** The Go provisioner v0.16.0's metrics: name, type and label names. */
  public static List<GoMetric> goMetrics() {
    List<GoMetric> metrics = new ArrayList<>();
    for (String line : lines("go-provisioner/metrics-v0.16.0.txt")) {
      String[] f = line.split(" ");
      metrics.add(new GoMetric(f[0], f[1], Set.of(f[2].split(","))));
    }
    return metrics;
  }

  /** The metric names the Go provisioner v0.16.0's Grafana dashboard queries. */
  public static List<String> goDashboardNames() {
    return lines("go-provisioner/dashboard-v0.16.0.txt");
  }

  private static List<String> lines(String resource) {
    try (InputStream in = Exposition.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }
}
