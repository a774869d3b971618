package io.fleetwright.site;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Puppet resource reference such as {@code Lamp[app1]}, {@code Lamp::Mysql[app1]} or {@code
 * Sql[app1]}: applications, components and capabilities in a site file are all named this way.
 *
 * <p>In JSON and YAML a reference is the plain string {@code Type[title]}. References compare by
 * that string, which is how Choria sorted them.
 *
 * @param type the resource type: one or more {@code ::}-separated names, each starting with a
 *     letter and made of letters, digits and underscores, e.g. {@code Lamp::Mysql}
 * @param title the title inside the brackets; not empty, no line breaks
 */
public record ResourceRef(String type, String title) implements Comparable<ResourceRef> {

  private static final Pattern TYPE =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]*(::[A-Za-z][A-Za-z0-9_]*)*");

  /** Validates the parts. */
  public ResourceRef {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    if (!TYPE.matcher(type).matches()) {
      throw new SiteException(
          "'"
              + type
              + "' is not a resource type; use names that start with a letter, joined by '::',"
              + " e.g. Lamp::Mysql");
    }
    if (title.isEmpty() || title.indexOf('\n') >= 0 || title.indexOf('\r') >= 0) {
      throw new SiteException(
          "resource reference " + type + "[...] needs a one-line, non-empty title, e.g. Sql[app1]");
    }
  }

  /**
   * Parses {@code Type[title]}.
   *
   * @param text the reference, e.g. {@code Sql[app1]}
   * @return the reference
   * @throws SiteException when the text is not of the form {@code Type[title]}
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ResourceRef parse(String text) {
    Objects.requireNonNull(text, "text");
    int open = text.indexOf('[');
    if (open <= 0 || !text.endsWith("]") || open == text.length() - 2) {
      throw new SiteException(
          "'" + text + "' is not a resource reference; write it as Type[title], e.g. Sql[app1]");
    }
    String type = text.substring(0, open);
    if (!TYPE.matcher(type).matches()) {
      throw new SiteException(
          "'"
              + text
              + "' is not a resource reference: the type '"
              + type
              + "' must be names that start with a letter, joined by '::', e.g. Lamp::Mysql[app1]");
    }
    return new ResourceRef(type, text.substring(open + 1, text.length() - 1));
  }

  /** Returns {@code Type[title]}, the form used in site files. */
  @JsonValue
  @Override
  public String toString() {
    return type + "[" + title + "]";
  }

  /** Orders references by their {@code Type[title]} text. */
  @Override
  public int compareTo(ResourceRef other) {
    // Compares the Type[title] texts without building them: sorting thousands of refs stays cheap.
    int length = type.length() + title.length() + 2;
    int otherLength = other.type.length() + other.title.length() + 2;
    for (int i = 0; i < Math.min(length, otherLength); i++) {
      int diff = charAt(i) - other.charAt(i);
      if (diff != 0) {
        return diff;
      }
    }
    return length - otherLength;
  }

  private char charAt(int i) {
    if (i < type.length()) {
      return type.charAt(i);
    }
    int inTitle = i - type.length() - 1;
    if (inTitle < 0) {
      return '[';
    }
    return inTitle < title.length() ? title.charAt(inTitle) : ']';
  }
}
