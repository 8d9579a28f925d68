package org.pcm2.grants.award;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Var;
import org.springframework.stereotype.Component;

/** Closes a round that found no candidates and tells DWC. */
@Component
public class RoundWithoutCandidatesDelegate implements JavaDelegate {

  private final AwardRounds rounds;
  private final AwardNotices notices;

  public RoundWithoutCandidatesDelegate(AwardRounds rounds, AwardNotices notices) {
    this.rounds = rounds;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notices.noCandidates(rounds.close((String) execution.getVariable(Var.ROUND_CODE)));
  }
}
