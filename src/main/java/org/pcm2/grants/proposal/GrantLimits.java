package org.pcm2.grants.proposal;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** The cap and minimum community share of a fund and unit type (decision {@code grantLimits}). */
@Component
public class GrantLimits {

  static final String DECISION = "grantLimits";

  private final DecisionService decisions;

  public GrantLimits(DecisionService decisions) {
    this.decisions = decisions;
  }

  /** The limits, or empty when the table has no row for this fund and unit type. */
  public Optional<Limits> of(String fundCode, String unitType) {
    DmnDecisionResultEntries row = decisions.evaluateDecisionByKey(DECISION)
        .variables(Variables.createVariables().putValue("fundCode", fundCode).putValue("unitType", unitType))
        .evaluate().getFirstResult();
    if (row == null) {
      return Optional.empty();
    }
    Map<String, Object> values = row.getEntryMap();
    return Optional.of(new Limits(((Number) values.get("maxGrant")).longValue(),
        ((Number) values.get("minContributionShare")).intValue()));
  }

  /** Cap per sub-project in VND and minimum community share in percent of the total cost. */
  public record Limits(long maxGrant, int minContributionShare) {
  }
}
