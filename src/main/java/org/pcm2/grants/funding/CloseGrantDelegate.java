package org.pcm2.grants.funding;


import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Closes the grant; the unspent commitment returns to the envelope. */
@Component("closeGrantDelegate")
public class CloseGrantDelegate implements JavaDelegate {
  private final FundingPort funding;

  public CloseGrantDelegate(FundingPort funding) {
    this.funding = funding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    funding.close(execution.getProcessBusinessKey(), FundingSteps.actor(execution));
  }
}
