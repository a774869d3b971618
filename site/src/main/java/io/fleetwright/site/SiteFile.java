package io.fleetwright.site;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A site file: Puppet's {@code /puppet/v3/environment} reply plus optional keys for what Puppet
 * could not express (ORCHESTRATOR.md §6). Any Puppet reply is a valid site file as it is.
 *
 * <p>Construction checks what spans applications: a component reference belongs to one application,
 * a capability has one producer, {@code requires} names existing components, and every entry of
 * {@code nodes} is a node that runs a component. Whether every consumed capability is produced
 * depends on which applications are planned, so the planner checks that.
 *
 * @param schemaVersion the format version; 1, also when absent (a plain Puppet reply)
 * @param environment the Puppet environment the graph came from; required
 * @param codeId Puppet's {@code code_id}, passed through; usually null
 * @param applications application instances keyed by reference such as {@code Lamp[app1]}
 * @param nodes per-node settings keyed by certname; optional
 * @param policy how the site is run; {@link SitePolicy#DEFAULTS} when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "environment", "code_id", "applications", "nodes", "policy"})
public record SiteFile(
    int schemaVersion,
    String environment,
    @Nullable String codeId,
    Map<ResourceRef, SiteApplication> applications,
    Map<String, SiteNode> nodes,
    SitePolicy policy) {

  /** The only format version this code reads. */
  public static final int SCHEMA_VERSION = 1;

  /** Validates the fields and the references between applications. */
  public SiteFile {
    if (schemaVersion != SCHEMA_VERSION) {
      throw new SiteException(
          "schemaVersion "
              + schemaVersion
              + " is not supported; this Fleetwright reads schemaVersion 1 (or none, for a Puppet"
              + " environment reply)");
    }
    if (environment == null || environment.isBlank()) {
      throw new SiteException(
          "environment is missing; name the Puppet environment, e.g. environment: production");
    }
    if (applications == null) {
      throw new SiteException(
          "applications is missing; add the applications map (use {} for a site without any)");
    }
    applications =
        SiteChecks.map(applications, "application", "give it its components, or {} for none");
    nodes = SiteChecks.map(nodes, "node entry", "give it settings such as labels, or remove it");
    policy = policy == null ? SitePolicy.DEFAULTS : policy;
    SiteChecks.site(applications, nodes);
  }

  /**
   * A site with only the keys Puppet's reply has.
   *
   * @param environment the Puppet environment
   * @param applications application instances keyed by reference
   * @return the site file
   */
  public static SiteFile of(String environment, Map<ResourceRef, SiteApplication> applications) {
    return new SiteFile(SCHEMA_VERSION, environment, null, applications, Map.of(), null);
  }

  @JsonCreator
  private static SiteFile fromJson(
      @JsonProperty("schemaVersion") @Nullable Integer schemaVersion,
      @JsonProperty("environment") String environment,
      @JsonProperty("code_id") @Nullable String codeId,
      @JsonProperty("applications") Map<ResourceRef, SiteApplication> applications,
      @JsonProperty("nodes") @Nullable Map<String, SiteNode> nodes,
      @JsonProperty("policy") @Nullable SitePolicy policy) {
    return new SiteFile(
        schemaVersion == null ? SCHEMA_VERSION : schemaVersion,
        environment,
        codeId,
        applications,
        nodes,
        policy);
  }

  /** Puppet's {@code code_id}, spelled {@code code_id} in JSON; usually null. */
  @Override
  @JsonProperty("code_id")
  public @Nullable String codeId() {
    return codeId;
  }
}
