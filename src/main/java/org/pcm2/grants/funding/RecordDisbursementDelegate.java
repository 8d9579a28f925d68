package org.pcm2.grants.funding;

import static org.pcm2.grants.grantcycle.GrantVariables.whole;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.springframework.stereotype.Component;

/** Records the tranche that finance paid. */
@Component("recordDisbursementDelegate")
public class RecordDisbursementDelegate implements JavaDelegate {
  private final FundingPort funding;

  public RecordDisbursementDelegate(FundingPort funding) {
    this.funding = funding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> v = execution.getVariables();
    long amount = whole(v, Var.TRANCHE_AMOUNT);
    funding.disburse(execution.getProcessBusinessKey(), ((Number) v.get(Var.TRANCHE_NUMBER)).intValue(), amount,
        FundingSteps.actor(execution));
    execution.setVariable(Var.DISBURSED_TOTAL, whole(v, Var.DISBURSED_TOTAL) + amount);
  }
}
