/**
 * Activity implementations: node RPC, CSR checks and the built-in CA, helper invocation, puppet
 * agent calls.
 */
package io.fleetwright.activities;
