package io.fleetwright.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link NodeProvisioningWorkflow#provision}. It holds no secret: the provisioning token,
 * CA and signing keys live in the activity implementations' configuration.
 *
 * @param identity the node's Choria identity
 * @param site the provisioner's {@code site}, for search attributes and metrics; may be empty
 * @param features which optional steps run
 * @param defer how deferrals are retried; {@code null} means {@link DeferPolicy#DEFAULT}
 * @param startPaused start paused because the fleet is paused (see {@link FleetControlWorkflow})
 * @param discoveredBy which discovery source started the workflow, e.g. {@code lifecycle}, {@code
 *     registration}, {@code broadcast}, {@code cli}; empty when unknown
 * @param localActivities run the credential checks and signing ({@link CredentialActivities}) as
 *     local activities: fewer history events, same results. Fixed for the life of a run so replay
 *     stays deterministic; the worker must register local activity options for them (see {@code
 *     ProvisioningActivityOptions} in workflows)
 * @param renewal when to provision the node again before its credentials expire; {@code null}: the
 *     run ends at {@code PROVISIONED}
 * @param lineage which provisioning of the node this run is and why; {@code null} for a first one
 * @param approval how long a node whose helper asks for approval waits, and what then; {@code null}
 *     means {@link ApprovalPolicy#DEFAULT}
 * @param caRoute where CSR signing (and, if asked, the helper) runs to keep to the CA's rate limit
 *     ({@code ca.rate_limit}); {@code null}: no limit, every step runs as it always did
 */
public record ProvisionInput(
    String identity,
    String site,
    Features features,
    DeferPolicy defer,
    boolean startPaused,
    String discoveredBy,
    boolean localActivities,
    @Nullable RenewalPolicy renewal,
    @Nullable Lineage lineage,
    ApprovalPolicy approval,
    @Nullable CaRoute caRoute) {

  /** Validates the identity and fills the defaults of optional fields. */
  @com.fasterxml.jackson.annotation.JsonCreator
  public ProvisionInput {
    Checks.identity(identity);
    site = Checks.orEmpty(site);
    features = Objects.requireNonNullElse(features, Features.NONE);
    defer = Objects.requireNonNullElse(defer, DeferPolicy.DEFAULT);
    discoveredBy = Checks.orEmpty(discoveredBy);
    approval = Objects.requireNonNullElse(approval, ApprovalPolicy.DEFAULT);
  }

  /** An input without a CA route. */
  public ProvisionInput(
      String identity,
      String site,
      Features features,
      DeferPolicy defer,
      boolean startPaused,
      String discoveredBy,
      boolean localActivities,
      @Nullable RenewalPolicy renewal,
      @Nullable Lineage lineage,
      ApprovalPolicy approval) {
    this(
        identity,
        site,
        features,
        defer,
        startPaused,
        discoveredBy,
        localActivities,
        renewal,
        lineage,
        approval,
        null);
  }

  /** An input without renewal or lineage and with the default approval policy. */
  public ProvisionInput(
      String identity,
      String site,
      Features features,
      DeferPolicy defer,
      boolean startPaused,
      String discoveredBy,
      boolean localActivities) {
    this(
        identity,
        site,
        features,
        defer,
        startPaused,
        discoveredBy,
        localActivities,
        null,
        null,
        ApprovalPolicy.DEFAULT);
  }

  /** Returns an input with the default defer policy, not paused, with remote activities. */
  public static ProvisionInput of(
      String identity, String site, Features features, String discoveredBy) {
    return new ProvisionInput(
        identity, site, features, DeferPolicy.DEFAULT, false, discoveredBy, false);
  }

  /** Returns a copy with {@code startPaused} set. */
  public ProvisionInput withStartPaused(boolean paused) {
    return new ProvisionInput(
        identity,
        site,
        features,
        defer,
        paused,
        discoveredBy,
        localActivities,
        renewal,
        lineage,
        approval,
        caRoute);
  }

  /** Returns a copy with another defer policy. */
  public ProvisionInput withDefer(DeferPolicy policy) {
    return new ProvisionInput(
        identity,
        site,
        features,
        policy,
        startPaused,
        discoveredBy,
        localActivities,
        renewal,
        lineage,
        approval,
        caRoute);
  }

  /** Returns a copy with {@code localActivities} set. */
  public ProvisionInput withLocalActivities(boolean local) {
    return new ProvisionInput(
        identity,
        site,
        features,
        defer,
        startPaused,
        discoveredBy,
        local,
        renewal,
        lineage,
        approval,
        caRoute);
  }

  /** Returns a copy with a renewal policy, or none. */
  public ProvisionInput withRenewal(@Nullable RenewalPolicy policy) {
    return new ProvisionInput(
        identity,
        site,
        features,
        defer,
        startPaused,
        discoveredBy,
        localActivities,
        policy,
        lineage,
        approval,
        caRoute);
  }

  /** Returns a copy with a lineage, or none. */
  public ProvisionInput withLineage(@Nullable Lineage next) {
    return new ProvisionInput(
        identity,
        site,
        features,
        defer,
        startPaused,
        discoveredBy,
        localActivities,
        renewal,
        next,
        approval,
        caRoute);
  }

  /** Returns a copy with another approval policy. */
  public ProvisionInput withApproval(ApprovalPolicy policy) {
    return new ProvisionInput(
        identity,
        site,
        features,
        defer,
        startPaused,
        discoveredBy,
        localActivities,
        renewal,
        lineage,
        policy,
        caRoute);
  }

  /** Returns a copy with a CA route, or none. */
  public ProvisionInput withCaRoute(@Nullable CaRoute route) {
    return new ProvisionInput(
        identity,
        site,
        features,
        defer,
        startPaused,
        discoveredBy,
        localActivities,
        renewal,
        lineage,
        approval,
        route);
  }
}
