/**
 * The payload codec: AES-GCM encryption and deflate of workflow history, its keys, and the codec
 * endpoint for the Web UI.
 */
package io.fleetwright.app.codec;
