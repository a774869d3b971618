/**
 * JUnit 5 harness used at test scope: real nats-server and Temporal dev server on free loopback
 * ports.
 */
package io.fleetwright.testing;
