package io.fleetwright.helpers.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fleetwright.api.HelperInput;
import io.fleetwright.helpers.HelperException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the validation of a helper's JSON reply (no helper runtime is started). A reply is either
 * accepted or refused with a {@link HelperException} of kind INVALID_OUTPUT; anything else is a
 * finding. Seeds live under {@code ResponseValidatorFuzzTestInputs/parse/}.
 */
class ResponseValidatorFuzzTest {
  private static final HelperInput REQUEST =
      new HelperInput("node1.example.net", null, null, "{}", null);

  @FuzzTest
  void parse(byte[] reply) {
    try {
      ResponseValidator.parse("fuzz", new String(reply, StandardCharsets.UTF_8), REQUEST);
    } catch (HelperException e) {
      if (e.kind() != HelperException.Kind.INVALID_OUTPUT) {
        throw new AssertionError("unexpected kind " + e.kind(), e);
      }
    }
  }
}
