/** Helper runtimes: subprocess JSON stdin/stdout, GraalVM JavaScript and Python in a sandbox. */
package io.fleetwright.helpers;
