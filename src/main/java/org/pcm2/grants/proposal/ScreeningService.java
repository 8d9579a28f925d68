package org.pcm2.grants.proposal;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Service;

/**
 * Automatic screening: the decision {@code proposalScreening} lists the reasons that apply;
 * the worst of their outcomes is the result, and no reason at all means eligible.
 */
@Service
public class ScreeningService {

  static final String DECISION = "proposalScreening";

  public enum Outcome {
    ELIGIBLE, NEEDS_REVISION, INELIGIBLE
  }

  public record Result(Outcome outcome, List<String> reasons) {
  }

  private final DecisionService decisions;

  public ScreeningService(DecisionService decisions) {
    this.decisions = decisions;
  }

  /** Screens with the inputs of the decision (see processes/proposal-screening.dmn). */
  public Result screen(Map<String, Object> inputs) {
    DmnDecisionResult rows = decisions.evaluateDecisionByKey(DECISION).variables(inputs).evaluate();
    Outcome worst = Outcome.ELIGIBLE;
    for (Map<String, Object> row : rows.getResultList()) {
      Outcome outcome = Outcome.valueOf((String) row.get("outcome"));
      if (outcome.ordinal() > worst.ordinal()) {
        worst = outcome;
      }
    }
    List<String> reasons = rows.getResultList().stream().map(row -> (String) row.get("reason")).toList();
    return new Result(worst, reasons);
  }
}
