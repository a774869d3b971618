package io.fleetwright.fleet.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates the parts of a Choria request filter against one node, with the Go server's rules:
 * identities OR ({@code /regex/} allowed), agents AND, facts AND with {@code >= <= < > != == =~},
 * classes AND. Each method answers for one non-empty category; empty categories match.
 */
public final class FilterMatcher {
  // A broadcast is evaluated once per node, so compile each pattern once, not ten thousand times.
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private FilterMatcher() {}

  /** One fact condition, e.g. {@code os == linux}. */
  public record FactTerm(String fact, String operator, String value) {}

  /** True when any entry equals the identity or is a {@code /regex/} found in it. */
  public static boolean identityMatches(List<String> filters, String identity) {
    if (filters.isEmpty()) {
      return true;
    }
    for (String filter : filters) {
      if (isRegex(filter) ? find(strip(filter), identity, false) : filter.equals(identity)) {
        return true;
      }
    }
    return false;
  }

  /** True when every entry names (or, as {@code /regex/}, matches) one of {@code names}. */
  public static boolean allPresent(List<String> filters, List<String> names) {
    for (String filter : filters) {
      boolean found =
          isRegex(filter)
              ? names.stream().anyMatch(n -> find(strip(filter), n, false))
              : names.contains(filter);
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** True when every term holds for {@code facts}; a missing fact or a bad operator fails. */
  public static boolean factsMatch(List<FactTerm> terms, Map<String, Object> facts) {
    for (FactTerm term : terms) {
      Object value = lookup(facts, term.fact());
      if (value == null || !holds(value, term.operator(), term.value())) {
        return false;
      }
    }
    return true;
  }

  static Object lookup(Map<String, Object> facts, String path) {
    Object current = facts;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }

  static boolean holds(Object fact, String operator, String value) {
    if (fact instanceof Number number) {
      return numberHolds(new BigDecimal(number.toString()), operator, value);
    }
    if (fact instanceof Boolean bool) {
      boolean truthy =
          "true".equalsIgnoreCase(value) || "1".equals(value) || "t".equalsIgnoreCase(value);
      return switch (operator) {
        case "==", "=~" -> bool == truthy;
        case "!=" -> bool != truthy;
        default -> false;
      };
    }
    if (!(fact instanceof String text)) {
      return false;
    }
    String a = text.toLowerCase(Locale.ROOT);
    String b = value.toLowerCase(Locale.ROOT);
    return switch (operator) {
      case "==", "=" -> a.equals(b);
      case "!=" -> !a.equals(b);
      case "=~" -> find(strip(value), text, true);
      case "<=", "=<" -> a.compareTo(b) <= 0;
      case ">=", "=>" -> a.compareTo(b) >= 0;
      case "<" -> a.compareTo(b) < 0;
      case ">" -> a.compareTo(b) > 0;
      default -> false;
    };
  }

  private static boolean numberHolds(BigDecimal fact, String operator, String value) {
    if (operator.equals("=~")) {
      return find(strip(value), fact.stripTrailingZeros().toPlainString(), true);
    }
    BigDecimal other;
    try {
      other = new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    int cmp = fact.compareTo(other);
    return switch (operator) {
      case "==", "=" -> cmp == 0;
      case "!=" -> cmp != 0;
      case "<=", "=<" -> cmp <= 0;
      case ">=", "=>" -> cmp >= 0;
      case "<" -> cmp < 0;
      case ">" -> cmp > 0;
      default -> false;
    };
  }

  private static boolean isRegex(String filter) {
    return filter.length() >= 2 && filter.startsWith("/") && filter.endsWith("/");
  }

  private static String strip(String pattern) {
    String p = pattern;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static boolean find(String regex, String text, boolean ignoreCase) {
    String key = (ignoreCase ? "i:" : "s:") + regex;
    Pattern pattern = PATTERNS.get(key);
    if (pattern == null) {
      try {
        pattern = Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
      } catch (PatternSyntaxException e) {
        return false;
      }
      if (PATTERNS.size() > 1000) {
        PATTERNS.clear();
      }
      PATTERNS.put(key, pattern);
    }
    return pattern.matcher(text).find();
  }
}
