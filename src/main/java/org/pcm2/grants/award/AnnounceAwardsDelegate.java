package org.pcm2.grants.award;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Var;
import org.pcm2.grants.notification.NotificationKind;
import org.springframework.stereotype.Component;

/** Freezes the approved list and tells each winner's facilitator and commune leaders. */
@Component
public class AnnounceAwardsDelegate implements JavaDelegate {

  private final AwardRounds rounds;
  private final AwardNotices notices;

  public AnnounceAwardsDelegate(AwardRounds rounds, AwardNotices notices) {
    this.rounds = rounds;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String roundCode = (String) execution.getVariable(Var.ROUND_CODE);
    AwardRound round = rounds.approve(roundCode);
    var winners = rounds.winners(roundCode);
    for (Award winner : winners) {
      notices.toWinner(NotificationKind.AWARD_GRANTED, winner, execution.getProcessInstanceId());
    }
    execution.setVariable(Var.SELECTED_TOTAL, round.selected());
    execution.setVariable(Var.WINNER_COUNT, winners.size());
  }
}
