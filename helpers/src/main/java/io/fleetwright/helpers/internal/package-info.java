/**
 * Implementation of the helper runtimes; not API. Use {@link io.fleetwright.helpers.HelperRunners}
 * to create runners.
 */
package io.fleetwright.helpers.internal;
