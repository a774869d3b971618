/** Workflow implementations and the pure site planner. Depends on api only. */
package io.fleetwright.workflows;
