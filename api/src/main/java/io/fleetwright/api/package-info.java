/**
 * The contract between Fleetwright's workflows, activities, discovery and CLI: records for every
 * payload that crosses a Temporal boundary, sealed outcome types, the workflow and activity
 * interfaces, search attribute keys, workflow IDs and failure-type constants.
 *
 * <p>Everything here is serialised by Temporal's default Jackson data converter, which reads and
 * writes record fields directly and fails on unknown properties. Therefore records in this package
 * have no {@code get}/{@code is} methods besides their components, and fields added later are
 * nullable or defaulted in the compact constructor so that older histories still replay.
 *
 * <p>Secrets never travel as plain values: the provisioning token lives in the activity
 * implementations' configuration, and credentials that must pass through the workflow (the node's
 * provisioning JWT, a helper-supplied private key) travel as {@link
 * io.fleetwright.api.SealedSecret}.
 */
@NullMarked
package io.fleetwright.api;

import org.jspecify.annotations.NullMarked;
