package org.pcm2.grants.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcm2.grants.support.DecisionTables;

/** Approval routing and tranche plan tables at their boundaries, and the tranche arithmetic. */
class FundingTablesTest {

  private static final DecisionTables ROUTING = DecisionTables.load("approval-routing.dmn", "approvalRouting");
  private static final DecisionTables TRANCHES = DecisionTables.load("tranche-plan.dmn", "tranchePlan");

  @ParameterizedTest
  @CsvSource({"CM,25000000,false", "CM,25000001,true", "INITIATIVE,10000000,false", "REWARD,1000,true"})
  void directorApprovesCmGrantsAbove25Million(String fund, long amount, boolean director) {
    Object required = ROUTING.evaluate(Map.of("fundCode", fund, "approvedGrant", amount)).getSingleEntry();
    assertThat(required).isEqualTo(director);
  }

  @ParameterizedTest
  @CsvSource({"CM,15000000,100", "CM,15000001,70/30", "INITIATIVE,10000000,100"})
  void smallGrantsGetOneTrancheLargerOnesTwo(String fund, long amount, String shares) {
    Object plan = TRANCHES.evaluate(Map.of("fundCode", fund, "approvedGrant", amount)).getSingleEntry();
    assertThat(plan).isEqualTo(shares);
  }

  @Test
  void tranchesAddUpToTheGrantInWholeDong() {
    assertThat(TranchePlan.amounts(20_000_000, "70/30")).containsExactly(14_000_000L, 6_000_000L);
    assertThat(TranchePlan.amounts(15_000_001, "70/30")).containsExactly(10_500_000L, 4_500_001L);
    assertThat(TranchePlan.amounts(10_000_001, "40/30/30")).containsExactly(4_000_000L, 3_000_000L, 3_000_001L);
    assertThat(TranchePlan.amounts(9_999_999, "100")).isEqualTo(List.of(9_999_999L));
  }

  @Test
  void sharesThatDoNotAddUpTo100AreRefused() {
    assertThatThrownBy(() -> TranchePlan.parse("70/20")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("70/20");
    assertThatThrownBy(() -> TranchePlan.parse("110/-10")).isInstanceOf(IllegalStateException.class);
  }
}
