package org.pcm2.grants.award;

import static org.pcm2.grants.grantcycle.GrantVariables.text;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Var;
import org.pcm2.grants.grantcycle.GrantVariables;
import org.pcm2.grants.system.Actors;
import org.springframework.stereotype.Component;

/** Opens the round: its code as business key, its candidates and their proposed tiers. */
@Component
public class OpenAwardRoundDelegate implements JavaDelegate {

  private final AwardRounds rounds;

  public OpenAwardRoundDelegate(AwardRounds rounds) {
    this.rounds = rounds;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String starter = (String) execution.getVariable("initiator");
    AwardRound round = rounds.open(text(execution.getVariables(), Var.CYCLE_CODE),
        GrantVariables.whole(execution.getVariables(), Var.BUDGET), text(execution.getVariables(), Var.ROUND_NOTE),
        execution.getProcessInstanceId(), Actors.current(execution.getProcessEngineServices(), starter));
    List<Award> candidates = rounds.awards(round.code());
    execution.setProcessBusinessKey(round.code());
    execution.setVariable(Var.ROUND_CODE, round.code());
    execution.setVariable(Var.TITLE, AwardNotices.title(round));
    execution.setVariable(Var.CANDIDATE_COUNT, candidates.size());
    execution.setVariable(Var.PROPOSED_TOTAL, candidates.stream().mapToLong(Award::proposedAmount).sum());
    execution.setVariable(Var.CANDIDATE_LIST, AwardSelectionText.candidateList(candidates));
  }
}
