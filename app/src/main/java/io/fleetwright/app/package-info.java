/**
 * The provisioner command: worker, discovery, metrics endpoint, config loading, dev stack for the
 * demo.
 */
package io.fleetwright.app;
