package io.fleetwright.api;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The durable provisioning of one node, ID {@link WorkflowIds#node(String)}, on task queue {@link
 * TaskQueues#PROVISIONING}. Start it with {@link NodeWorkflowOptions#forNode}.
 *
 * <p>Ends in one of three ways: completes with a {@link ProvisionResult} ({@code PROVISIONED} or
 * {@code SHUT_DOWN}); fails with an {@code ApplicationFailure} of type {@link
 * FailureTypes#PROVISIONING_FAILED} whose details hold the {@code FAILED} {@link ProvisionResult};
 * or is cancelled ({@code WorkflowStub.cancel()}), after setting state {@code CANCELLED}. A node an
 * operator rejected completes with state {@code REJECTED}.
 *
 * <p>Operators act through updates ({@code retryNow}, {@code approveNow}, {@code rejectNow}: the
 * CLI, which is told at once when one does not apply) or through the signals {@code retry}, {@code
 * approve} and {@code reject} (the Web UI's "Send a Signal", payload a {@link ControlRequest} such
 * as {@code {"by": "alice", "reason": "rack checked"}}, or none). A signal that does not apply is
 * ignored with one log line and a note in the status and current details.
 */
@WorkflowInterface
public interface NodeProvisioningWorkflow {
  /** Provisions the node, like the Go provisioner's {@code Provision()}, retrying deferrals. */
  @WorkflowMethod
  ProvisionResult provision(ProvisionInput input);

  /** Returns where the node is. Needs a running worker. */
  @QueryMethod
  NodeStatus status();

  /**
   * Ends the current deferral wait now and starts the next attempt. If the node is also paused it
   * starts on resume. Returns a one-line description of what happens next.
   */
  @UpdateMethod
  String retryNow();

  /**
   * Accepts {@link #retryNow()} only while the node is {@code DEFERRED} and no retry is pending;
   * otherwise rejects it, before anything is written to history, with a message that names the
   * node's state and what to do instead.
   */
  @UpdateValidatorMethod(updateName = "retryNow")
  void validateRetryNow();

  /**
   * Holds the node before its next step (a running step finishes). Idempotent. A signal, so the
   * fleet-wide pause reaches every node even while no worker runs.
   *
   * @param reason shown in the status, e.g. {@code fleet paused by alice: CA rotation}
   */
  @SignalMethod
  void pause(String reason);

  /** Lets a paused node continue from the step where it stopped. Idempotent. */
  @SignalMethod
  void resume();

  /**
   * Discovery saw the node again ({@code signalWithStart}); only counted, never changes the flow.
   *
   * @param source the discovery source, e.g. {@code lifecycle}
   */
  @SignalMethod
  void announced(String source);

  /**
   * Approves a node in {@code AWAITING_APPROVAL}: it is configured with the helper reply that asked
   * for approval. Returns a one-line description.
   *
   * @param request who approves and why
   */
  @UpdateMethod
  String approveNow(ControlRequest request);

  /** Accepts {@link #approveNow} only while the node awaits approval and nobody decided yet. */
  @UpdateValidatorMethod(updateName = "approveNow")
  void validateApproveNow(ControlRequest request);

  /**
   * Rejects a node in {@code AWAITING_APPROVAL}: it ends {@code REJECTED} without being changed.
   * Returns a one-line description.
   *
   * @param request who rejects and why
   */
  @UpdateMethod
  String rejectNow(ControlRequest request);

  /** Accepts {@link #rejectNow} only while the node awaits approval and nobody decided yet. */
  @UpdateValidatorMethod(updateName = "rejectNow")
  void validateRejectNow(ControlRequest request);

  /**
   * {@link #retryNow()} as a signal, for the Web UI: ignored (one log line and a note) unless the
   * node is {@code DEFERRED}.
   *
   * @param request who and why; may be {@code null}
   */
  @SignalMethod(name = "retry")
  void retrySignal(ControlRequest request);

  /**
   * {@link #approveNow} as a signal, for the Web UI: ignored (one log line and a note) unless the
   * node awaits approval.
   *
   * @param request who and why; may be {@code null}
   */
  @SignalMethod(name = "approve")
  void approveSignal(ControlRequest request);

  /**
   * {@link #rejectNow} as a signal, for the Web UI: ignored (one log line and a note) unless the
   * node awaits approval.
   *
   * @param request who and why; may be {@code null}
   */
  @SignalMethod(name = "reject")
  void rejectSignal(ControlRequest request);
}
