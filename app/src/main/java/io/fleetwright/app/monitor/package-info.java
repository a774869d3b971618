/**
 * What the worker shows: the {@code /metrics} and {@code /healthz} endpoint, start-up readiness,
 * the meter registry and fleet gauges.
 */
package io.fleetwright.app.monitor;
