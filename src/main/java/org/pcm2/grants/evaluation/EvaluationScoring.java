package org.pcm2.grants.evaluation;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * The leaders' weighted evaluation score: each criterion is scored 1 to 5, its weight comes
 * from the decision {@code evaluationWeights}, and the result is out of 100 with one decimal.
 */
@Service
public class EvaluationScoring {

  static final String DECISION = "evaluationWeights";

  private final DecisionService decisions;

  public EvaluationScoring(DecisionService decisions) {
    this.decisions = decisions;
  }

  public double score(String fundCode, Map<String, ? extends Number> scores) {
    List<Map<String, Object>> weights = decisions.evaluateDecisionByKey(DECISION)
        .variables(Variables.createVariables().putValue("fundCode", fundCode)).evaluate().getResultList();
    double total = 0;
    double weightSum = 0;
    for (Map<String, Object> row : weights) {
      String criterion = (String) row.get("criterion");
      double weight = ((Number) row.get("weight")).doubleValue();
      Number score = scores.get(criterion);
      if (score == null) {
        throw new IllegalArgumentException("Missing score " + criterion);
      }
      total += score.doubleValue() / 5.0 * weight;
      weightSum += weight;
    }
    if (weightSum == 0) {
      throw new IllegalStateException("No evaluation weights for fund " + fundCode);
    }
    return Math.round(total / weightSum * 1000.0) / 10.0;
  }
}
