package org.pcm2.grants.funding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * The tranches of a grant: their shares come from the decision {@code tranchePlan}
 * ("70/30"); amounts are whole đồng and the last tranche takes the rounding remainder, so
 * the tranches always add up to the approved grant.
 */
@Service
public class TranchePlan {

  static final String DECISION = "tranchePlan";

  private final DecisionService decisions;

  public TranchePlan(DecisionService decisions) {
    this.decisions = decisions;
  }

  /** The shares, e.g. "70/30", that the table gives for this fund and amount. */
  public String sharesFor(String fundCode, long approvedGrant) {
    String shares = decisions.evaluateDecisionByKey(DECISION)
        .variables(Variables.createVariables().putValue("fundCode", fundCode).putValue("approvedGrant", approvedGrant))
        .evaluate().getSingleEntry();
    parse(shares);
    return shares;
  }

  public static List<Integer> parse(String shares) {
    List<Integer> parts = Arrays.stream(shares.split("/")).map(String::trim).map(Integer::valueOf).toList();
    if (parts.isEmpty() || parts.stream().anyMatch(p -> p <= 0) || parts.stream().mapToInt(Integer::intValue).sum() != 100) {
      throw new IllegalStateException("Tranche shares must be positive and add up to 100: " + shares);
    }
    return parts;
  }

  /** The amount of each tranche. */
  public static List<Long> amounts(long approvedGrant, String shares) {
    List<Integer> parts = parse(shares);
    List<Long> amounts = new ArrayList<>();
    long given = 0;
    for (int i = 0; i < parts.size() - 1; i++) {
      long amount = approvedGrant * parts.get(i) / 100;
      amounts.add(amount);
      given += amount;
    }
    amounts.add(approvedGrant - given);
    return amounts;
  }
}
