package io.fleetwright.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.SealedSecret;
import io.fleetwright.helpers.HelperResponse;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Function;

/**
 * Turns a helper's validated reply into the {@link HelperDecision} that enters workflow history.
 * Shared by {@link HelperActivitiesImpl} and the helper replay, so both judge a reply the same way.
 */
public final class HelperDecisions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HelperDecisions() {}

  /**
   * The decision of one reply.
   *
   * @param r the reply
   * @param helper the helper's name, for the error message
   * @param sealKey seals a helper-supplied private key; never called for a reply without one
   * @return shutdown, defer or configure, in the Go provisioner's order; a configure the helper
   *     wants an operator to approve first comes as {@link HelperDecision.Approval}
   * @throws ApplicationFailure of type {@link FailureTypes#HELPER_OUTPUT_INVALID} when {@code
   *     server_claims} cannot be written as JSON
   */
  public static HelperDecision of(
      HelperResponse r, String helper, Function<String, SealedSecret> sealKey) {
    if (r.shutdown()) {
      return new HelperDecision.Shutdown(r.msg());
    }
    if (r.defer()) {
      return new HelperDecision.Defer(r.msg());
    }
    String claims;
    try {
      claims = r.serverClaims().isEmpty() ? null : JSON.writeValueAsString(r.serverClaims());
    } catch (JsonProcessingException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "helper " + helper + " returned server_claims that cannot be written as JSON",
          FailureTypes.HELPER_OUTPUT_INVALID);
    }
    HelperDecision.Configure configure =
        new HelperDecision.Configure(
            r.configuration(),
            blankToNull(r.certificate()),
            blankToNull(r.ca()),
            blankToNull(r.ssldir()),
            r.key().isBlank() ? null : sealKey.apply(r.key()),
            r.actionPolicies(),
            r.opaPolicies(),
            claims,
            blankToNull(r.upgrade()),
            r.msg(),
            r.signCsr());
    return r.approval() == null
        ? configure
        : new HelperDecision.Approval(r.approval().reason(), configure);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
