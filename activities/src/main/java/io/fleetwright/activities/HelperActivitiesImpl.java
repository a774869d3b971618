package io.fleetwright.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.HelperActivities;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.HelperInput;
import io.fleetwright.api.SealedSecret;
import io.fleetwright.credentials.SecretSealer;
import io.fleetwright.helpers.HelperException;
import io.fleetwright.helpers.HelperResponse;
import io.fleetwright.helpers.HelperRunner;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the user's helper and turns its ConfigResponse into a {@link HelperDecision}. */
public final class HelperActivitiesImpl implements HelperActivities {
  private static final Logger LOG = LoggerFactory.getLogger(HelperActivitiesImpl.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HelperRunner runner;
  private final SecretSealer sealer;
  private final ActivityMetrics metrics;

  /**
   * Creates the activities.
   *
   * @param runner the helper runtime chosen from config
   * @param sealer seals a helper-supplied private key before it enters workflow history
   * @param metrics where helper durations and errors are counted
   */
  public HelperActivitiesImpl(HelperRunner runner, SecretSealer sealer, ActivityMetrics metrics) {
    this.runner = runner;
    this.sealer = sealer;
    this.metrics = metrics;
  }

  @Override
  public HelperDecision runHelper(HelperInput input) {
    long started = System.nanoTime();
    HelperResponse response;
    try {
      response = runner.run(input);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.JWT_INVALID);
    } catch (HelperException e) {
      metrics.helperError(e.kind().name().toLowerCase(java.util.Locale.ROOT));
      LOG.warn("helper {} failed for {}: {}", runner.name(), input.identity(), e.getMessage());
      throw toFailure(e);
    } finally {
      metrics.helperTime(System.nanoTime() - started);
    }
    return toDecision(response);
  }

  private static ApplicationFailure toFailure(HelperException e) {
    String type =
        switch (e.kind()) {
          case TIMEOUT -> FailureTypes.HELPER_TIMEOUT;
          case CRASHED -> FailureTypes.HELPER_FAILED;
          case INVALID_OUTPUT, CONFIG -> FailureTypes.HELPER_OUTPUT_INVALID;
        };
    return e.kind().retryable()
        ? ApplicationFailure.newFailure(e.getMessage(), type)
        : ApplicationFailure.newNonRetryableFailure(e.getMessage(), type);
  }

  private HelperDecision toDecision(HelperResponse r) {
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
          "helper " + runner.name() + " returned server_claims that cannot be written as JSON",
          FailureTypes.HELPER_OUTPUT_INVALID);
    }
    HelperDecision.Configure configure =
        new HelperDecision.Configure(
            r.configuration(),
            blankToNull(r.certificate()),
            blankToNull(r.ca()),
            blankToNull(r.ssldir()),
            r.key().isBlank() ? null : new SealedSecret(sealer.seal(r.key())),
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
