/**
 * The Temporal side of {@code provisioner run}: the connection, the worker and its registrations,
 * the first-poll and SDK-report watches.
 */
package io.fleetwright.app.worker;
