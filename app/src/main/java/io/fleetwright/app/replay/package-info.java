/**
 * Helper dry runs: read the helper inputs and decisions recorded in node histories, run a helper
 * file on them, and say per node what it would change. No RPC, no signing, no workflow started.
 */
package io.fleetwright.app.replay;
