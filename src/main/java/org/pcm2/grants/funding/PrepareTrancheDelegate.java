package org.pcm2.grants.funding;

import static org.pcm2.grants.grantcycle.GrantVariables.text;
import static org.pcm2.grants.grantcycle.GrantVariables.whole;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.springframework.stereotype.Component;

/** Moves to the next tranche and sets its amount. */
@Component("prepareTrancheDelegate")
public class PrepareTrancheDelegate implements JavaDelegate {
  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> v = execution.getVariables();
    int next = ((Number) v.get(Var.TRANCHE_NUMBER)).intValue() + 1;
    List<Long> amounts = TranchePlan.amounts(whole(v, Var.APPROVED_GRANT), text(v, Var.TRANCHE_SHARES));
    execution.setVariable(Var.TRANCHE_NUMBER, next);
    execution.setVariable(Var.TRANCHE_AMOUNT, amounts.get(next - 1));
  }
}
