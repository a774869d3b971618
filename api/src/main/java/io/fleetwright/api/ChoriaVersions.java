package io.fleetwright.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether two Choria version strings name the same version, with the meaning the Go provisioner
 * gives it (RPM-style): {@code [epoch:]version[-release]}, each part read as runs of letters, runs
 * of digits (leading zeros ignored) and {@code ~}; separators such as {@code .} and {@code _} do
 * not count. So {@code 0.99.0}, {@code 0:0.99.0} and {@code 0.99.00} are the same version; {@code
 * v0.99.0} and {@code 0.99.0-1} are not {@code 0.99.0}.
 */
public final class ChoriaVersions {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z]+|[0-9]+|~");

  private ChoriaVersions() {}

  /**
   * Compares two versions for equality.
   *
   * @param a a version, e.g. {@code 0.30.2}
   * @param b another
   * @return true when they name the same version
   */
  public static boolean same(String a, String b) {
    String left = Checks.orEmpty(a).strip();
    String right = Checks.orEmpty(b).strip();
    return left.equals(right) || parts(left).equals(parts(right));
  }

  /** Epoch, then the segments of version and release, digits without leading zeros. */
  private static List<String> parts(String text) {
    String rest = text;
    String epoch = "0";
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      String digits = rest.substring(0, colon).strip();
      epoch = digits.matches("[0-9]+") ? digits.replaceFirst("^0+(?=.)", "") : "0";
      rest = rest.substring(colon + 1);
    }
    int dash = rest.indexOf('-');
    String version = dash >= 0 ? rest.substring(0, dash) : rest;
    String release = dash >= 0 ? rest.substring(dash + 1) : "";
    List<String> out = new ArrayList<>();
    out.add(epoch);
    out.addAll(segments(version));
    out.add("-");
    out.addAll(segments(release));
    return out;
  }

  private static List<String> segments(String part) {
    List<String> out = new ArrayList<>();
    Matcher m = SEGMENT.matcher(part);
    while (m.find()) {
      String s = m.group();
      out.add(Character.isDigit(s.charAt(0)) ? s.replaceFirst("^0+(?=.)", "") : s);
    }
    return out;
  }
}
