/**
 * The YAML config: loading, defaults and validation, Choria durations, and the node workflow's
 * input built from it.
 */
package io.fleetwright.app.config;
