package io.fleetwright.helpers.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The module's shared, strict JSON mapper (one document, no trailing data, no NaN). */
public final class Json {
  /** The mapper; thread-safe once configured. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private Json() {}
}
