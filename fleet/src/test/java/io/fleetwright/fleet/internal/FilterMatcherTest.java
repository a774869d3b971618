package io.fleetwright.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.fleet.internal.FilterMatcher.FactTerm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterMatcherTest {
  private static final Map<String, Object> FACTS =
      Map.of(
          "country",
          "nl",
          "cores",
          8,
          "load",
          1.5,
          "virtual",
          true,
          "os",
          Map.of("family", "Debian"));

  @Test
  void matchesAnyOfSeveralIdentitiesIncludingRegexes() {
    assertTrue(FilterMatcher.identityMatches(List.of(), "node1.lab"));
    assertTrue(FilterMatcher.identityMatches(List.of("other", "node1.lab"), "node1.lab"));
    assertTrue(FilterMatcher.identityMatches(List.of("/^node\\d\\./"), "node1.lab"));
    assertFalse(FilterMatcher.identityMatches(List.of("node1"), "node1.lab"));
    assertFalse(FilterMatcher.identityMatches(List.of("/^web/"), "node1.lab"));
  }

  @Test
  void needsEveryAgentOfTheFilter() {
    List<String> agents = List.of("choria_provision", "rpcutil");
    assertTrue(FilterMatcher.allPresent(List.of("choria_provision"), agents));
    assertTrue(FilterMatcher.allPresent(List.of("rpcutil", "/^choria_/"), agents));
    assertFalse(FilterMatcher.allPresent(List.of("rpcutil", "puppet"), agents));
  }

  @Test
  void comparesFactsWithEachOperator() {
    assertTrue(matches("country", "==", "NL"), "strings compare without case");
    assertTrue(matches("country", "=~", "/^n/"));
    assertTrue(matches("country", "!=", "de"));
    assertTrue(matches("cores", ">=", "8"));
    assertTrue(matches("cores", "<=", "8"));
    assertTrue(matches("cores", ">", "4"));
    assertFalse(matches("cores", "<", "8"));
    assertTrue(matches("load", "<", "2.0"));
    assertTrue(matches("virtual", "==", "true"));
    assertTrue(matches("os.family", "==", "debian"), "dotted names reach into nested facts");
    assertFalse(matches("missing", "==", "x"), "an absent fact never matches");
    assertFalse(matches("cores", ">", "many"), "a non-number against a number fact fails");
    assertFalse(matches("country", "<>", "nl"), "an unknown operator fails");
  }

  @Test
  void needsEveryFactTerm() {
    assertFalse(
        FilterMatcher.factsMatch(
            List.of(new FactTerm("country", "==", "nl"), new FactTerm("cores", ">", "16")), FACTS));
  }

  private static boolean matches(String fact, String op, String value) {
    return FilterMatcher.factsMatch(List.of(new FactTerm(fact, op, value)), FACTS);
  }
}
