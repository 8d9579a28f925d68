package org.pcm2.grants.award;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;

/** The selection rule of an award round, without a database. */
class AwardSelectionTest {

  private static final List<Award> CANDIDATES = List.of(award("A", 5_000_000), award("B", 3_000_000), award("C", 0));

  @Test
  void theWholeSelectionReplacesEveryAmountAndACandidateNotNamedGetsNothing() {
    AwardSelection.Result result = AwardSelection.apply("XT-1", 10_000_000, CANDIDATES,
        Map.of("B", 4_000_000L, "C", 2_000_000L), AwardSelection.Mode.REPLACE_ALL, "awardSelection");
    assertThat(result.amounts()).containsExactly(Map.entry("A", 0L), Map.entry("B", 4_000_000L),
        Map.entry("C", 2_000_000L));
    assertThat(result.total()).isEqualTo(6_000_000L);
  }

  @Test
  void oneAwardSetLeavesTheOthersAsTheyWere() {
    AwardSelection.Result result = AwardSelection.apply("XT-1", 10_000_000, CANDIDATES, Map.of("C", 2_000_000L),
        AwardSelection.Mode.ONLY_THOSE_NAMED, "amount");
    assertThat(result.amounts()).containsExactly(Map.entry("A", 5_000_000L), Map.entry("B", 3_000_000L),
        Map.entry("C", 2_000_000L));
    assertThat(result.total()).isEqualTo(10_000_000L);
  }

  @Test
  void aTotalAboveTheBudgetIsRefusedByOneDong() {
    assertThatThrownBy(() -> AwardSelection.apply("XT-1", 10_000_000, CANDIDATES, Map.of("C", 2_000_001L),
        AwardSelection.Mode.ONLY_THOSE_NAMED, "amount")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("10.000.000");
  }

  @Test
  void everyFaultIsNamedAndNothingIsAccepted() {
    Map<String, Long> asked = new HashMap<>();
    asked.put("Z", 1L);
    asked.put("A", -1L);
    asked.put("B", null);
    InvalidInputException refused = (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(() ->
        AwardSelection.apply("XT-1", 10_000_000, CANDIDATES, asked, AwardSelection.Mode.REPLACE_ALL, "awardSelection"));
    assertThat(refused.errors()).extracting(FieldError::field).containsOnly("awardSelection").hasSize(3);
    assertThat(refused.errors()).extracting(FieldError::message).anyMatch(m -> m.startsWith("Z không phải ứng viên"))
        .anyMatch(m -> m.startsWith("A: số tiền thưởng không được âm")).anyMatch(m -> m.startsWith("B: "));
  }

  private static Award award(String code, long amount) {
    return new Award("XT-1", code, 1, "t", "u", "05740", "Hoàng Nông", "facilitator1", 4.5, 50, "A", amount, amount,
        null, null, null);
  }
}
