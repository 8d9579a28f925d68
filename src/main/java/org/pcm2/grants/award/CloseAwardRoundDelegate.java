package org.pcm2.grants.award;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Var;
import org.springframework.stereotype.Component;

/** Closes the round once every award is paid, and tells DWC its totals. */
@Component
public class CloseAwardRoundDelegate implements JavaDelegate {

  private final AwardRounds rounds;
  private final AwardNotices notices;

  public CloseAwardRoundDelegate(AwardRounds rounds, AwardNotices notices) {
    this.rounds = rounds;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String roundCode = (String) execution.getVariable(Var.ROUND_CODE);
    AwardRound round = rounds.close(roundCode);
    execution.setVariable(Var.PAID_TOTAL, round.paid());
    notices.closed(round, rounds.winners(roundCode).size());
  }
}
