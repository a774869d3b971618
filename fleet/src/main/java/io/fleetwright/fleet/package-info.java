/** Emulated fleet of provisioning-mode Choria servers speaking the real wire protocol. */
package io.fleetwright.fleet;
