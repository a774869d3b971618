/** Records for every payload, sealed outcomes, workflow and activity interfaces, failure types. */
package io.fleetwright.api;
