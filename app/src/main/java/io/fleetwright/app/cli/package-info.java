/** The command line: the entry point, the {@code run} command, error lines and log set-up. */
package io.fleetwright.app.cli;
