package io.fleetwright.workflows;

import java.util.List;

/** Short node lists for messages: the first ten, then how many more. */
final class SiteRunText {
  private static final int SHOWN = 10;

  private SiteRunText() {}

  static String list(List<String> items) {
    if (items.size() <= SHOWN) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, SHOWN)) + " and " + (items.size() - SHOWN) + " more";
  }
}
