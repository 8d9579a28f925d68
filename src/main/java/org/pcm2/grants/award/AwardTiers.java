package org.pcm2.grants.award;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/** The tier and amount the {@code awardTier} decision table proposes for a candidate. */
@Component
public class AwardTiers {

  /** A proposed tier; {@code NONE} with 0 when the table proposes no award. */
  public record Proposal(String tier, long amount) {
  }

  private final DecisionService decisions;

  public AwardTiers(DecisionService decisions) {
    this.decisions = decisions;
  }

  public Proposal propose(double evaluationScore, double womenShareReached) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey("awardTier")
        .variables(Map.of("evaluationScore", evaluationScore, "womenShareReached", womenShareReached))
        .evaluate().getSingleResult();
    Number amount = result.getEntry("proposedAmount");
    return new Proposal(result.getEntry("tier"), amount == null ? 0 : amount.longValue());
  }
}
