package io.fleetwright.activities;

import io.fleetwright.api.FailureTypes;
import io.fleetwright.credentials.CredentialException;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;

/**
 * Turns the credentials module's refusals into non-retryable {@link ApplicationFailure}s with the
 * api's failure types: a credential that does not check out gives the same answer on every try.
 */
final class CredentialFailures {
  private CredentialFailures() {}

  /** Runs a credential call, mapping a refusal to its failure. */
  static <T> T mapped(Supplier<T> call) {
    try {
      return call.get();
    } catch (CredentialException e) {
      throw of(e);
    }
  }

  /** The failure for a refusal: its message, and the type of its reason. */
  static ApplicationFailure of(CredentialException e) {
    return ApplicationFailure.newNonRetryableFailure(e.getMessage(), type(e.reason()));
  }

  static String type(CredentialException.Reason reason) {
    return switch (reason) {
      case CSR_INVALID -> FailureTypes.CSR_INVALID;
      case CSR_NAME_DENIED -> FailureTypes.CSR_NAME_DENIED;
      case JWT_INVALID -> FailureTypes.JWT_INVALID;
      case ED25519_INVALID -> FailureTypes.ED25519_INVALID;
      case SIGNING_FAILED -> FailureTypes.SIGNING_FAILED;
      case SEALED_SECRET_INVALID -> FailureTypes.SEALED_SECRET_INVALID;
      case KEY_EXCHANGE_UNAVAILABLE -> FailureTypes.KEY_EXCHANGE_UNAVAILABLE;
      case KEY_INVALID, CLAIMS_INVALID -> FailureTypes.HELPER_OUTPUT_INVALID;
    };
  }
}
