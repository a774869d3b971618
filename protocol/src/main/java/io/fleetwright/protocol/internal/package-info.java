/**
 * Implementation details of the protocol module: the shared Jackson mapper with Go-compatible
 * escaping, JSON tree validation, base64 and digest helpers, and reply routing. Not an API; other
 * modules must not use it.
 */
package io.fleetwright.protocol.internal;
