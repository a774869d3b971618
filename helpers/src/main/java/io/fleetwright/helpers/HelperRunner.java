package io.fleetwright.helpers;

import io.fleetwright.api.HelperInput;

/**
 * Runs one configured helper: turns a node's {@link HelperInput} into a validated {@link
 * HelperResponse}. Create one with {@link HelperRunners#create(HelperConfig)} and share it: every
 * implementation is thread-safe and serves concurrent calls. Close it when the application stops.
 *
 * <p>Whatever the helper does (crash, hang, print garbage, loop forever), {@link #run} returns a
 * valid response or throws a {@link HelperException} whose message names the helper and the fix;
 * the runner keeps serving other calls.
 */
public interface HelperRunner extends AutoCloseable {

  /**
   * Runs the helper for one node.
   *
   * @param request the node's data, written to the helper as the Go provisioner's Host JSON
   * @return the validated reply; {@code configuration} of a non-deferred, non-shutdown reply always
   *     sets {@code plugin.choria.server.provision} to {@code "false"}
   * @throws HelperException on any failure of the helper; see {@link HelperException.Kind}
   * @throws IllegalArgumentException when {@code request.jwtClaims()} is not a JSON object
   */
  HelperResponse run(HelperInput request);

  /**
   * The helper as users name it in messages: its file or command line.
   *
   * @return the name
   */
  String name();

  /**
   * The runtime this runner uses (never {@link HelperRuntime#AUTO}).
   *
   * @return the runtime
   */
  HelperRuntime runtime();

  /** Stops the runner: kills running subprocesses or closes guest contexts. Idempotent. */
  @Override
  void close();
}
