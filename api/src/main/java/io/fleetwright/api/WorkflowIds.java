package io.fleetwright.api;

import java.util.Optional;

/** Workflow IDs that discovery, the CLI and the workflows agree on. */
public final class WorkflowIds {
  /** Prefix of every node workflow ID. */
  public static final String NODE_PREFIX = "provision/";

  /** ID of the single, long-running {@link FleetControlWorkflow}. */
  public static final String CONTROL = "provisioner/control";

  /** Prefix of every site run workflow ID. */
  public static final String SITE_PREFIX = "site/";

  private WorkflowIds() {}

  /**
   * Returns the ID of a site run: {@code site/<environment>/<runId>}.
   *
   * @param environment the site's Puppet environment
   * @param runId the run's own ID, e.g. a timestamp
   * @return the workflow ID
   */
  public static String site(String environment, String runId) {
    if (environment.isBlank() || runId.isBlank() || runId.contains("/")) {
      throw new IllegalArgumentException(
          "a site run needs an environment and a run ID without '/', got '"
              + environment
              + "' and '"
              + runId
              + "'");
    }
    return SITE_PREFIX + environment + "/" + runId;
  }

  /**
   * Returns the ID of the provisioning workflow of one node: {@code "provision/" + identity}.
   *
   * @throws IllegalArgumentException when {@code identity} is blank (the identity rules are checked
   *     where it enters, by protocol's {@code NodeIdentity})
   */
  public static String node(String identity) {
    return NODE_PREFIX + Checks.identity(identity);
  }

  /** Returns the node identity named by a node workflow ID, or empty for any other ID. */
  public static Optional<String> identityOf(String workflowId) {
    if (workflowId == null
        || !workflowId.startsWith(NODE_PREFIX)
        || workflowId.length() == NODE_PREFIX.length()) {
      return Optional.empty();
    }
    return Optional.of(workflowId.substring(NODE_PREFIX.length()));
  }
}
