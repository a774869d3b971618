/**
 * Finding nodes and starting their runs: lifecycle, registration and broadcast discovery,
 * admission, the stall watch.
 */
package io.fleetwright.app.discovery;
