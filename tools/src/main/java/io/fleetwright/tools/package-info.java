/**
 * Development tools behind {@code bin/provisioner}: the {@code fleet} and {@code discover} commands
 * here, the demo in {@code demo}, the benchmarks in {@code bench}. Never on the production
 * provisioner's class path.
 */
package io.fleetwright.tools;
