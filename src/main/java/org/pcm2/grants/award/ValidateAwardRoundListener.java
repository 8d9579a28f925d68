package org.pcm2.grants.award;

import static org.pcm2.grants.grantcycle.GrantVariables.text;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Var;
import org.pcm2.grants.grantcycle.GrantVariables;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.texts.Texts;
import org.pcm2.grants.system.InvalidInputException;
import org.springframework.stereotype.Component;

/** Refuses to start a round whose cycle or budget is wrong; nothing is created then. */
@Component("validateAwardRound")
public class ValidateAwardRoundListener implements ExecutionListener {

  private final AwardRounds rounds;

  public ValidateAwardRoundListener(AwardRounds rounds) {
    this.rounds = rounds;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Map<String, Object> v = execution.getVariables();
    Long budget;
    try {
      budget = GrantVariables.whole(v, Var.BUDGET);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(List.of(new FieldError(Var.BUDGET, Texts.both("check.wholeDong"))));
    }
    List<FieldError> errors = rounds.checkOpening(text(v, Var.CYCLE_CODE), budget, text(v, Var.ROUND_NOTE));
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    execution.setVariable(Var.BUDGET, budget);
  }
}
