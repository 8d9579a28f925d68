package org.pcm2.grants.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.support.DecisionTables;

/** The evaluation weights: every criterion has one, and they add up to 100. */
class EvaluationWeightsTableTest {

  private static final DecisionTables WEIGHTS = DecisionTables.load("evaluation-weights.dmn", "evaluationWeights");

  @Test
  void everyCriterionIsWeightedAndTheWeightsAddUpTo100() {
    Map<String, Integer> weights = WEIGHTS.evaluate(Map.of("fundCode", "CM")).getResultList().stream()
        .collect(Collectors.toMap(r -> (String) r.get("criterion"), r -> ((Number) r.get("weight")).intValue()));
    assertThat(weights.keySet()).containsExactlyInAnyOrderElementsOf(Var.SCORES);
    assertThat(weights.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
    assertThat(weights).containsEntry("scoreResults", 30).containsEntry("scoreParticipation", 25);
  }
}
