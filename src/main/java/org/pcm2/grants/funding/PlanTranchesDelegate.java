package org.pcm2.grants.funding;

import static org.pcm2.grants.grantcycle.GrantVariables.text;
import static org.pcm2.grants.grantcycle.GrantVariables.whole;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.springframework.stereotype.Component;

/** Sets the tranche plan from the decision table. */
@Component("planTranchesDelegate")
public class PlanTranchesDelegate implements JavaDelegate {
  private final TranchePlan plan;

  public PlanTranchesDelegate(TranchePlan plan) {
    this.plan = plan;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> v = execution.getVariables();
    String shares = plan.sharesFor(text(v, Var.FUND_CODE), whole(v, Var.APPROVED_GRANT));
    execution.setVariable(Var.TRANCHE_SHARES, shares);
    execution.setVariable(Var.TRANCHE_COUNT, TranchePlan.parse(shares).size());
    execution.setVariable(Var.TRANCHE_NUMBER, 0);
    execution.setVariable(Var.DISBURSED_TOTAL, 0L);
  }
}
