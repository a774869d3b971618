package io.fleetwright.app.discovery;

import io.fleetwright.api.WorkflowIds;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Tells {@link NodeAdmission} when a node run in this worker leaves its active phase: its workflow
 * method returns or throws, it starts a timer of a second or more (a deferral wait), or it waits
 * for a condition that does not hold yet (a paused node). The 1 ms checkpoint before {@code
 * configure} is not a wait. Only counts and reads conditions; never changes what the workflow does,
 * so replay is unaffected.
 */
public final class AdmissionInterceptor extends WorkerInterceptorBase {
  static final Duration WAIT = Duration.ofSeconds(1);

  private final NodeAdmission admission;

  public AdmissionInterceptor(NodeAdmission admission) {
    this.admission = admission;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(new Outbound(outbound));
      }

      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        try {
          return super.execute(input);
        } finally {
          released();
        }
      }
    };
  }

  private void released() {
    String id = Workflow.getInfo().getWorkflowId();
    if (WorkflowIds.identityOf(id).isPresent()) {
      admission.release(id);
    }
  }

  private final class Outbound extends WorkflowOutboundCallsInterceptorBase {
    Outbound(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public Promise<Void> newTimer(Duration duration, TimerOptions options) {
      releasedIfWaiting(duration);
      return super.newTimer(duration, options);
    }

    @Override
    public Promise<Void> newTimer(Duration duration) {
      releasedIfWaiting(duration);
      return super.newTimer(duration);
    }

    @Override
    public void await(String reason, Supplier<Boolean> unblockCondition) {
      if (!unblockCondition.get()) {
        released();
      }
      super.await(reason, unblockCondition);
    }

    @Override
    public boolean await(Duration timeout, String reason, Supplier<Boolean> unblockCondition) {
      if (timeout.compareTo(WAIT) >= 0 && !unblockCondition.get()) {
        released();
      }
      return super.await(timeout, reason, unblockCondition);
    }

    private void releasedIfWaiting(Duration duration) {
      if (duration.compareTo(WAIT) >= 0) {
        released();
      }
    }

    @Override
    public void sleep(Duration duration) {
      releasedIfWaiting(duration);
      super.sleep(duration);
    }
  }
}
