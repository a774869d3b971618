package io.fleetwright.site;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks every key of a site file against the keys its place allows, before binding: Jackson only
 * reports an unknown key after building the record, so a typo such as {@code nodee} would surface
 * as "node is missing". The valid keys come from the records themselves.
 */
final class SiteFileKeys {

  private final Set<String> top;
  private final Set<String> component;
  private final Set<String> node;
  private final Set<String> policy;

  SiteFileKeys(ObjectMapper mapper) {
    top = keys(mapper, SiteFile.class);
    component = keys(mapper, SiteComponent.class);
    node = keys(mapper, SiteNode.class);
    policy = keys(mapper, SitePolicy.class);
  }

  /** Reads the whole document; fails on syntax errors, repeated keys and unknown keys. */
  void check(String file, JsonParser parser) throws IOException {
    while (parser.nextToken() != null) {
      if (parser.currentToken() != JsonToken.FIELD_NAME) {
        continue;
      }
      String key = parser.currentName();
      List<String> path = objectPath(parser.getParsingContext().getParent());
      Set<String> allowed = path == null ? null : allowed(path);
      if (allowed == null || allowed.contains(key)) {
        continue;
      }
      if (key.startsWith("x-")) {
        parser.nextToken();
        parser.skipChildren();
        continue;
      }
      throw new SiteException(
          file
              + " line "
              + parser.currentLocation().getLineNr()
              + ": unknown key '"
              + key
              + "' "
              + SiteFileErrors.place(path)
              + "; valid keys are "
              + String.join(", ", allowed)
              + " (keys starting with 'x-' are ignored)");
    }
  }

  private Set<String> allowed(List<String> path) {
    int n = path.size();
    if (n == 0) {
      return top;
    }
    return switch (path.get(0)) {
      case "applications" -> n == 3 ? component : null;
      case "nodes" -> n == 2 ? node : null;
      case "policy" -> n == 1 ? policy : null;
      default -> null;
    };
  }

  /** The keys leading to an object, or null when the object sits inside a list. */
  private static List<String> objectPath(JsonStreamContext context) {
    List<String> path = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        return null;
      }
      path.add(0, c.getCurrentName());
    }
    return path;
  }

  private static Set<String> keys(ObjectMapper mapper, Class<?> type) {
    Set<String> keys = new TreeSet<>();
    for (BeanPropertyDefinition property :
        mapper.getDeserializationConfig().introspect(mapper.constructType(type)).findProperties()) {
      keys.add(property.getName());
    }
    return keys;
  }
}
