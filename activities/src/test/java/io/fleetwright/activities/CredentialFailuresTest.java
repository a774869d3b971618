package io.fleetwright.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.FailureTypes;
import io.fleetwright.credentials.CredentialException;
import io.fleetwright.credentials.CredentialException.Reason;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class CredentialFailuresTest {

  @Test
  void everyRefusalBecomesAPermanentFailureOfADeclaredTypeWithItsMessage() {
    for (Reason reason : Reason.values()) {
      ApplicationFailure failure =
          CredentialFailures.of(new CredentialException(reason, "n1: " + reason + "; fix it"));

      assertTrue(FailureTypes.NON_RETRYABLE.contains(failure.getType()), failure.getType());
      assertTrue(failure.isNonRetryable(), reason.name());
      assertEquals("n1: " + reason + "; fix it", failure.getOriginalMessage());
    }
  }

  @Test
  void keysAndClaimsTheHelperGaveAreTheHelpersFault() {
    assertEquals(FailureTypes.HELPER_OUTPUT_INVALID, CredentialFailures.type(Reason.KEY_INVALID));
    assertEquals(
        FailureTypes.HELPER_OUTPUT_INVALID, CredentialFailures.type(Reason.CLAIMS_INVALID));
    assertEquals(FailureTypes.CSR_NAME_DENIED, CredentialFailures.type(Reason.CSR_NAME_DENIED));
  }
}
