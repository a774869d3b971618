package io.fleetwright.app.worker;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Notices the worker's first workflow-task poll on its Temporal connection: the moment the worker
 * really asks Temporal for work, which is what "worker polling" means at start-up.
 */
public final class PollWatch implements ClientInterceptor {
  static final String POLL_WORKFLOW_TASKS =
      "temporal.api.workflowservice.v1.WorkflowService/PollWorkflowTaskQueue";

  private final AtomicBoolean seen = new AtomicBoolean();
  private volatile Runnable onFirstPoll = () -> {};

  /** Runs {@code action} at the first poll, or now if it already happened. */
  public void onFirstPoll(Runnable action) {
    onFirstPoll = action;
    if (seen.get()) {
      action.run();
    }
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    if (method.getFullMethodName().equals(POLL_WORKFLOW_TASKS) && seen.compareAndSet(false, true)) {
      onFirstPoll.run();
    }
    return next.newCall(method, options);
  }
}
