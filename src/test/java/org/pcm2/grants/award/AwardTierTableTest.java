package org.pcm2.grants.award;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcm2.grants.support.DecisionTables;

/** The proposed award tiers of processes/award-tiers.dmn at their boundaries. */
class AwardTierTableTest {

  private static final DecisionTables TIERS = DecisionTables.load("award-tiers.dmn", "awardTier");

  @ParameterizedTest(name = "score {0}, women {1} % -> {2}")
  @CsvSource({
      "100.0, 60.0, A, 10000000",
      "90.0, 40.0, A, 10000000",
      "90.0, 39.9, B, 7000000",
      "89.9, 60.0, B, 7000000",
      "80.0, 10.0, B, 7000000",
      "79.9, 50.0, C, 4000000",
      "70.0, 0.0, C, 4000000",
      "69.9, 90.0, NONE, 0"})
  void tierFollowsScoreAndWomensParticipation(double score, double womenShare, String tier, long amount) {
    Map<String, Object> row = TIERS.evaluate(Map.of("evaluationScore", score, "womenShareReached", womenShare))
        .getSingleResult().getEntryMap();
    assertThat(row.get("tier")).isEqualTo(tier);
    assertThat(((Number) row.get("proposedAmount")).longValue()).isEqualTo(amount);
  }
}
