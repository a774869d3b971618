/**
 * Choria wire protocol v1 over NATS: envelopes, codec, directed and broadcast RPC, lifecycle and
 * registration subscriptions.
 */
package io.fleetwright.protocol;
