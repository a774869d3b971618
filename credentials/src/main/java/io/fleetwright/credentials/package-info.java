/**
 * The provisioner's own credentials, with no Temporal: the built-in CA, CSR checks, provisioning
 * JWT verification, server JWT signing, ed25519 proof checks, ECDH key delivery and the secret
 * sealer. Failures are {@link io.fleetwright.credentials.CredentialException}s with a reason; the
 * activities map them to their failure types.
 */
package io.fleetwright.credentials;
