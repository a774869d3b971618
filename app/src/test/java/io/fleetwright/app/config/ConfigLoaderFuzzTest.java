package io.fleetwright.app.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fleetwright.app.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fuzzes the config loader. Each text either parses or throws {@link ConfigException}; anything
 * else is a finding. Seeds live under {@code ConfigLoaderFuzzTestInputs/parse/}.
 */
class ConfigLoaderFuzzTest {
  @FuzzTest
  void parse(byte[] yaml) {
    try {
      ConfigLoader.parse(new String(yaml, StandardCharsets.UTF_8), Map.of());
    } catch (ConfigException expected) {
      // documented rejection
    }
  }
}
