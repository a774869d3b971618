/**
 * The production provisioner. This package holds the composition root ({@link
 * io.fleetwright.app.Provisioner}, which wires the rooms below from one {@link
 * io.fleetwright.app.ProvisionerConfig}) and the {@code site} commands; each concern has a package
 * of its own: {@code cli}, {@code config}, {@code worker}, {@code discovery}, {@code codec}, {@code
 * operator}, {@code monitor}.
 */
package io.fleetwright.app;
