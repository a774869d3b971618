/**
 * The operator commands ({@code nodes}, {@code status}, {@code retry}, {@code cancel}, {@code
 * pause}, {@code resume}) and the Temporal calls behind them.
 */
package io.fleetwright.app.operator;
