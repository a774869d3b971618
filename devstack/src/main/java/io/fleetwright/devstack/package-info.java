/**
 * Starts and stops local nats-server, Temporal dev server and production-shaped Temporal (the real
 * server on a throwaway PostgreSQL cluster) processes for the demo and the tests.
 */
package io.fleetwright.devstack;
