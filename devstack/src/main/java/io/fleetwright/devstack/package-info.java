/**
 * Starts and stops local nats-server and Temporal dev server processes for the demo and the tests.
 */
package io.fleetwright.devstack;
