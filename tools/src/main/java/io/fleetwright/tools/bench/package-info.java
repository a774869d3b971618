/**
 * {@code provisioner bench}: the five benchmarks, one JSON line each, and their stack and
 * processes.
 */
package io.fleetwright.tools.bench;
