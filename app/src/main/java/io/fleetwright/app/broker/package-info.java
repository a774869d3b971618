/** The broker connection's security: the provisioning login, credentials, nkeys and TLS. */
package io.fleetwright.app.broker;
