package org.pcm2.grants.funding;


import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.springframework.stereotype.Component;

/** Cancellation: what was committed and not disbursed returns to the envelope. */
@Component("releaseGrantDelegate")
public class ReleaseGrantDelegate implements JavaDelegate {
  private final FundingPort funding;

  public ReleaseGrantDelegate(FundingPort funding) {
    this.funding = funding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object by = execution.getVariable(Var.CANCELLED_BY);
    funding.release(execution.getProcessBusinessKey(), by == null ? FundingSteps.actor(execution) : by.toString(),
        String.valueOf(execution.getVariable(Var.CANCEL_REASON)));
  }
}
