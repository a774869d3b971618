package io.fleetwright.site;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads site files (ORCHESTRATOR.md §6) from YAML or JSON. A file ending in {@code .json} is JSON,
 * {@code .yaml}/{@code .yml} is YAML, and anything else is JSON when it starts with <code>{</code>
 * and YAML otherwise. Unknown keys are errors except those starting with {@code x-}; repeated keys
 * are errors. Every error names the file, the line, the application, component, node or key at
 * fault, and the fix.
 */
public final class SiteFiles {

  private static final ObjectMapper JSON = configure(JsonMapper.builder());
  private static final ObjectMapper YAML = configure(YAMLMapper.builder());
  private static final SiteFileKeys JSON_KEYS = new SiteFileKeys(JSON);
  private static final SiteFileKeys YAML_KEYS = new SiteFileKeys(YAML);
  private static final ObjectMapper OUTPUT =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private SiteFiles() {}

  /**
   * Reads and validates a site file.
   *
   * @param file a YAML or JSON site file; a Puppet {@code /puppet/v3/environment} reply works as is
   * @return the site
   * @throws SiteException when the file cannot be read or is not a valid site file
   */
  public static SiteFile load(Path file) {
    byte[] content = read(file);
    String name = file.toString();
    if (new String(content, StandardCharsets.UTF_8).isBlank()) {
      throw new SiteException(
          "site file "
              + name
              + " is empty; a site file needs at least 'environment' and 'applications'");
    }
    boolean json = isJson(file, content);
    ObjectMapper mapper = json ? JSON : YAML;
    try {
      // A first streaming pass reports syntax, repeated keys and unknown keys with their line;
      // the second binds the records, whose constructors check the values.
      try (JsonParser parser = mapper.createParser(content)) {
        (json ? JSON_KEYS : YAML_KEYS).check(name, parser);
      }
      return mapper.readValue(content, SiteFile.class);
    } catch (IOException e) {
      throw SiteFileErrors.explain(name, json ? "JSON" : "YAML", e);
    }
  }

  /**
   * Writes a value (a site file, a plan) as indented JSON, the form {@code --json} prints.
   *
   * @param value a site record
   * @return the JSON text, without a trailing newline
   */
  public static String toJson(Object value) {
    try {
      return OUTPUT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new SiteException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static byte[] read(Path file) {
    try {
      if (Files.isDirectory(file)) {
        throw new SiteException(file + " is a directory; pass the path of a site file");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SiteException(
          "site file " + file + " does not exist; pass the path of a YAML or JSON site file");
    } catch (AccessDeniedException e) {
      throw new SiteException(
          "cannot read site file " + file + ": permission denied; check its permissions");
    } catch (IOException e) {
      throw new SiteException("cannot read site file " + file + ": " + e, e);
    }
  }

  private static boolean isJson(Path file, byte[] content) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return true;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return false;
    }
    for (byte b : content) {
      if (!Character.isWhitespace(b)) {
        return b == '{';
      }
    }
    return false;
  }

  private static ObjectMapper configure(MapperBuilder<?, ?> builder) {
    return builder
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .addHandler(new ExtensionKeys())
        .build();
  }

  /** Skips keys starting with {@code x-}, which site files reserve for users' own data. */
  private static final class ExtensionKeys extends DeserializationProblemHandler {
    @Override
    public boolean handleUnknownProperty(
        DeserializationContext context,
        JsonParser parser,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      if (propertyName.startsWith("x-")) {
        parser.skipChildren();
        return true;
      }
      return false;
    }
  }
}
