/**
 * Activity implementations: node RPC, the steps that change a node, helper invocation, puppet agent
 * calls, and thin adapters over the credentials module.
 */
package io.fleetwright.activities;
