package org.pcm2.grants.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcm2.grants.support.DecisionTables;

/** The grant limits and screening rules of processes/proposal-screening.dmn at their boundaries. */
class ProposalScreeningTableTest {

  private static final DecisionTables LIMITS = DecisionTables.load("proposal-screening.dmn", "grantLimits");
  private static final DecisionTables SCREENING = DecisionTables.load("proposal-screening.dmn", "proposalScreening");

  @ParameterizedTest
  @CsvSource({"CM,HAMLET,30000000,20", "CM,SCHOOL,20000000,10", "INITIATIVE,HAMLET,10000000,10",
      "INITIATIVE,SCHOOL,10000000,10"})
  void limitsPerFundAndUnitType(String fund, String unitType, long cap, int minShare) {
    Map<String, Object> row = LIMITS.evaluate(Map.of("fundCode", fund, "unitType", unitType)).getSingleResult()
        .getEntryMap();
    assertThat(((Number) row.get("maxGrant")).longValue()).isEqualTo(cap);
    assertThat(((Number) row.get("minContributionShare")).intValue()).isEqualTo(minShare);
  }

  @Test
  void unknownFundHasNoLimits() {
    assertThat(LIMITS.evaluate(Map.of("fundCode", "REWARD", "unitType", "HAMLET")).isEmpty()).isTrue();
  }

  @Test
  void completeProposalPassesEveryRule() {
    assertThat(screen(eligible())).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"19.9,NEEDS_REVISION", "20.0,", "20.1,"})
  void hamletContributionShareBoundary(double share, String outcome) {
    Map<String, Object> v = eligible();
    v.put("contributionShare", share);
    assertThat(screen(v)).isEqualTo(outcome == null ? List.of() : List.of(outcome));
  }

  @ParameterizedTest
  @CsvSource({"9.9,NEEDS_REVISION", "10.0,"})
  void schoolContributionShareBoundary(double share, String outcome) {
    Map<String, Object> v = eligible();
    v.put("unitType", "SCHOOL");
    v.put("contributionShare", share);
    assertThat(screen(v)).isEqualTo(outcome == null ? List.of() : List.of(outcome));
  }

  @ParameterizedTest
  @CsvSource({"12,", "13,NEEDS_REVISION"})
  void durationBoundary(int months, String outcome) {
    Map<String, Object> v = eligible();
    v.put("durationMonths", months);
    assertThat(screen(v)).isEqualTo(outcome == null ? List.of() : List.of(outcome));
  }

  @ParameterizedTest
  @CsvSource({"9,NEEDS_REVISION", "10,"})
  void beneficiariesBoundary(int people, String outcome) {
    Map<String, Object> v = eligible();
    v.put("totalBeneficiaries", people);
    assertThat(screen(v)).isEqualTo(outcome == null ? List.of() : List.of(outcome));
  }

  @Test
  void missingMinutesAsksForRevisionWithAReason() {
    Map<String, Object> v = eligible();
    v.put("hasMeetingMinutes", false);
    DmnDecisionResult result = SCREENING.evaluate(v);
    assertThat(result.getResultList()).singleElement()
        .satisfies(row -> assertThat((String) row.get("reason")).contains("biên bản họp").contains("Minutes"));
  }

  @Test
  void anOpenSubprojectOfTheGroupMakesItIneligibleWhateverElse() {
    Map<String, Object> v = eligible();
    v.put("openSubprojectsOfGroup", 1);
    v.put("hasMeetingMinutes", false);
    assertThat(screen(v)).containsExactlyInAnyOrder("NEEDS_REVISION", "INELIGIBLE");
  }

  private static List<String> screen(Map<String, Object> inputs) {
    return SCREENING.evaluate(inputs).getResultList().stream().map(r -> (String) r.get("outcome")).toList();
  }

  private static Map<String, Object> eligible() {
    Map<String, Object> v = new HashMap<>();
    v.put("fundCode", "CM");
    v.put("unitType", "HAMLET");
    v.put("hasMeetingMinutes", true);
    v.put("contributionShare", 23.1);
    v.put("openSubprojectsOfGroup", 0);
    v.put("durationMonths", 6);
    v.put("totalBeneficiaries", 75);
    return v;
  }
}
