package org.pcm2.grants.funding;

import static org.pcm2.grants.grantcycle.GrantVariables.text;
import static org.pcm2.grants.grantcycle.GrantVariables.whole;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.springframework.stereotype.Component;

/** Commits the approved grant against the envelope. */
@Component("commitGrantDelegate")
public class CommitGrantDelegate implements JavaDelegate {
  private final FundingPort funding;

  public CommitGrantDelegate(FundingPort funding) {
    this.funding = funding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> v = execution.getVariables();
    funding.commit(new GrantCommitment(execution.getProcessBusinessKey(), text(v, Var.FUND_CODE),
        text(v, Var.CYCLE_CODE), text(v, Var.UNIT_CODE), text(v, Var.COMMUNE_CODE), whole(v, Var.APPROVED_GRANT), FundingSteps.actor(execution)));
  }
}
