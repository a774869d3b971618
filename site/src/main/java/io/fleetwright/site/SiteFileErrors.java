package io.fleetwright.site;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns Jackson's failures on a site file into messages that name the place and the fix. */
final class SiteFileErrors {

  private SiteFileErrors() {}

  static SiteException explain(String file, String format, IOException e) {
    String where = file + line(e);
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> path = path(u);
      path.remove(path.size() - 1);
      return new SiteException(
          where
              + ": unknown key '"
              + u.getPropertyName()
              + "' "
              + place(path)
              + "; valid keys are "
              + String.join(", ", new TreeSet<>(names(u.getKnownPropertyIds())))
              + " (keys starting with 'x-' are ignored)",
          e);
    }
    SiteException ours = ours(e);
    if (ours != null && e instanceof JsonMappingException m) {
      List<String> path = path(m);
      String prefix = path.isEmpty() ? file : where + ": " + place(path);
      return new SiteException(prefix + ": " + ours.getMessage(), e);
    }
    if (e instanceof InvalidFormatException f && f.getTargetType() == ResourceRef.class) {
      return new SiteException(where + ": " + place(path(f)) + ": " + refProblem(f.getValue()), e);
    }
    if (e instanceof MismatchedInputException m) {
      return new SiteException(
          where + ": " + place(path(m)) + ": expected " + expected(m.getTargetType()), e);
    }
    if (e instanceof StreamReadException r) {
      return syntax(where, format, r);
    }
    String detail = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.toString();
    return new SiteException(where + ": not a valid site file: " + detail, e);
  }

  private static SiteException syntax(String where, String format, StreamReadException e) {
    String detail = e.getOriginalMessage();
    if (detail != null && detail.startsWith("Duplicate field '")) {
      String key = detail.substring("Duplicate field '".length(), detail.length() - 1);
      List<String> path = new ArrayList<>();
      if (e.getProcessor() instanceof JsonParser parser) {
        for (JsonStreamContext c = parser.getParsingContext().getParent();
            c != null && !c.inRoot();
            c = c.getParent()) {
          path.add(0, c.getCurrentName());
        }
      }
      return new SiteException(
          where + ": key '" + key + "' appears twice " + place(path) + "; merge the two entries");
    }
    String hint =
        format.equals("YAML")
            ? "; quote values that contain [ ] { } : or #, e.g. \"Sql[app1]\""
            : "; check the quotes, commas and brackets around that line";
    return new SiteException(where + ": not valid " + format + ": " + summary(detail) + hint, e);
  }

  /** Describes where in the document a path points, in the words of the site-file format. */
  static String place(List<String> path) {
    if (path.isEmpty()) {
      return "at the top level";
    }
    int n = path.size();
    switch (path.get(0)) {
      case "applications" -> {
        if (n == 1) {
          return "in applications";
        }
        String app = "application '" + path.get(1) + "'";
        if (n == 2) {
          return "in " + app;
        }
        String component = "component '" + path.get(2) + "' of " + app;
        return n == 3 ? "in " + component : "in '" + path.get(3) + "' of " + component;
      }
      case "nodes" -> {
        if (n == 1) {
          return "in nodes";
        }
        String node = "node '" + path.get(1) + "' of nodes";
        return n == 2 ? "in " + node : "in '" + path.get(2) + "' of " + node;
      }
      case "policy" -> {
        return n == 1 ? "in policy" : "in policy." + path.get(1);
      }
      default -> {
        return "in '" + path.get(0) + "'";
      }
    }
  }

  private static List<String> path(JsonMappingException e) {
    List<String> path = new ArrayList<>();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.add(ref.getFieldName());
      }
    }
    return path;
  }

  private static SiteException ours(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SiteException s) {
        return s;
      }
    }
    return null;
  }

  private static String refProblem(Object value) {
    try {
      ResourceRef.parse(String.valueOf(value));
      return "'" + value + "' is not a valid resource reference";
    } catch (SiteException e) {
      return e.getMessage();
    }
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "a different kind of value";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list, e.g. [Sql[app1]]";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping of keys to values";
    }
    if (type == String.class) {
      return "a single text value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    return "a " + type.getSimpleName();
  }

  private static String line(IOException e) {
    if (e instanceof JsonProcessingException p) {
      JsonLocation location = p.getLocation();
      if (location != null && location.getLineNr() > 0) {
        return " line " + location.getLineNr();
      }
    }
    return "";
  }

  private static List<String> names(Collection<Object> ids) {
    return ids == null ? List.of() : ids.stream().map(String::valueOf).toList();
  }

  /** Keeps the parser's explanation lines and drops its excerpts of the input. */
  private static String summary(String text) {
    if (text == null) {
      return "unreadable input";
    }
    return String.join(
        "; ", text.lines().filter(line -> !line.isBlank() && !line.startsWith(" ")).toList());
  }
}
