package io.fleetwright.helpers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void splitsOnBlanksAndKeepsQuotedWordsTogether() {
    assertEquals(
        List.of("/usr/bin/helper", "a b", "c\"d", "e f", "$HOME", "x'y"),
        CommandLine.split("/usr/bin/helper 'a b' \"c\\\"d\" e\\ f '$HOME' \"x'y\""));
  }

  @Test
  void joinsAdjacentQuotedAndUnquotedParts() {
    assertEquals(List.of("--site=lab one"), CommandLine.split("--site='lab one'"));
  }

  @Test
  void keepsBackslashesInsideSingleQuotesAndBeforeOrdinaryCharactersInDoubleQuotes() {
    assertEquals(List.of("a\\b", "c\\d"), CommandLine.split("'a\\b' \"c\\d\""));
  }

  @Test
  void keepsAnEmptyQuotedWord() {
    assertEquals(List.of("helper", ""), CommandLine.split("helper ''"));
  }

  @Test
  void returnsNothingForABlankLine() {
    assertEquals(List.of(), CommandLine.split("  \t "));
  }

  @Test
  void rejectsAnUnterminatedQuoteNamingItsPosition() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CommandLine.split("helper 'oops"));
    assertTrue(e.getMessage().contains("single quote at position 7"), e.getMessage());
  }
}
