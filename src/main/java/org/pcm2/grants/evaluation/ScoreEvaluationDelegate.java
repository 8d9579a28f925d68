package org.pcm2.grants.evaluation;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pcm2.grants.grantcycle.GrantVariables;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.springframework.stereotype.Component;

/** Computes the evaluation score from the leaders' scores. */
@Component("scoreEvaluationDelegate")
public class ScoreEvaluationDelegate implements JavaDelegate {

  private final EvaluationScoring scoring;

  public ScoreEvaluationDelegate(EvaluationScoring scoring) {
    this.scoring = scoring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Long> scores = new HashMap<>();
    for (String criterion : Var.SCORES) {
      scores.put(criterion, GrantVariables.whole(execution.getVariables(), criterion));
    }
    execution.setVariable(Var.EVALUATION_SCORE,
        scoring.score((String) execution.getVariable(Var.FUND_CODE), scores));
  }
}
