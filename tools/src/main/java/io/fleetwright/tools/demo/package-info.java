/**
 * {@code provisioner demo}: the local stack, an emulated fleet and the in-process worker, and what
 * Temporal recorded for the run.
 */
package io.fleetwright.tools.demo;
