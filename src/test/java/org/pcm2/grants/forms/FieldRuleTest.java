package org.pcm2.grants.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules a form declares for a field, as the server applies them to a value from any door. */
class FieldRuleTest {

  private static FieldRule rule(String type, String subtype, Long min, Long max, Integer minLength, Integer maxLength,
      String pattern, List<Object> values) {
    return new FieldRule("f", "F", type, subtype, false, min, max, minLength, maxLength, pattern, values);
  }

  @Test
  void aChoiceTakesOnlyWhatTheFormOffers() {
    FieldRule decision = rule("radio", null, null, null, null, null, null, List.of("ENDORSE", "REVISE"));
    assertThat(decision.problem("ENDORSE")).isNull();
    assertThat(decision.problem("endorse")).contains("ENDORSE, REVISE");
    assertThat(decision.problem(1)).isNotNull();
    FieldRule score = rule("select", null, null, null, null, null, null, List.of(1L, 2L, 3L, 4L, 5L));
    assertThat(score.problem(5)).isNull();
    assertThat(score.problem(5L)).isNull();
    assertThat(score.problem("4")).isNull();
    assertThat(score.problem(4.0)).isNull();
    assertThat(score.problem(6)).isNotNull();
    assertThat(score.problem(4.5)).isNotNull();
  }

  @Test
  void aNumberIsWholeAndWithinItsBounds() {
    FieldRule amount = rule("number", null, 1L, 100_000_000L, null, null, null, List.of());
    assertThat(amount.problem(15_000_000)).isNull();
    assertThat(amount.problem("15000000")).isNull();
    assertThat(amount.problem(1L)).isNull();
    assertThat(amount.problem(100_000_000L)).isNull();
    assertThat(amount.problem(0)).contains("1");
    assertThat(amount.problem(100_000_001L)).contains("100000000");
    assertThat(amount.problem(1.5)).isNotNull();
    assertThat(amount.problem("mười lăm triệu")).isNotNull();
    assertThat(amount.problem(true)).isNotNull();
  }

  @Test
  void aDateIsADay() {
    FieldRule day = rule("datetime", "date", null, null, null, null, null, List.of());
    assertThat(day.problem("2027-01-05")).isNull();
    assertThat(day.problem(LocalDate.of(2027, 1, 5))).isNull();
    assertThat(day.problem(new java.util.Date())).isNull();
    assertThat(day.problem("2027-02-30")).isNotNull();
    assertThat(day.problem("05/01/2027")).isNotNull();
    assertThat(day.problem(20270105)).isNotNull();
  }

  @Test
  void aTextKeepsItsLengthAndPattern() {
    FieldRule text = rule("textfield", null, null, null, 5, 10, "^[A-Za-z0-9-]+$", List.of());
    assertThat(text.problem("CM-2026")).isNull();
    assertThat(text.problem("CM")).isNotNull();
    assertThat(text.problem("CM-2026-1-2-3")).contains("10");
    assertThat(text.problem("CM 2026")).isNotNull();
    assertThat(text.problem(12345)).isNotNull();
    FieldRule flag = rule("checkbox", null, null, null, null, null, null, List.of());
    assertThat(flag.problem(true)).isNull();
    assertThat(flag.problem("có")).isNotNull();
  }

  @Test
  void nothingEnteredIsForTheRequiredCheckToJudge() {
    FieldRule amount = rule("number", null, 1L, null, null, null, null, List.of());
    assertThat(amount.problem(null)).isNull();
    assertThat(amount.problem("  ")).isNull();
    assertThat(FieldRule.empty("")).isTrue();
    assertThat(FieldRule.empty(0)).isFalse();
  }

  @Test
  void theDeployedFormsGiveEachStepItsRulesAndWhatItMustSend() {
    StepForms forms = StepForms.deployed();
    StepForms.Step review = forms.step("UserTask_ReviewProposal").orElseThrow();
    assertThat(review.formId()).isEqualTo("proposalReview");
    assertThat(review.startFormId()).isEqualTo("proposalSubmit");
    assertThat(forms.requiredAt(review)).containsExactly("reviewDecision");
    assertThat(forms.rule("UserTask_ReviewProposal", "reviewComment").orElseThrow().maxLength()).isEqualTo(4000);
    // a revision changes what the proposal holds: nothing it must send again
    assertThat(forms.requiredAt(forms.step("UserTask_ReviseProposal").orElseThrow())).isEmpty();
    assertThat(forms.requiredAt(forms.step("UserTask_SubmitCompletionReport").orElseThrow()))
        .containsExactly("actualSpending", "contributionMobilised", "womenReached", "menReached", "outputAchieved",
            "maintenanceGroup", "completionSummary", "photoFiles");
    assertThat(forms.step("UserTask_SelectWinners").orElseThrow().startFormId()).isEqualTo("awardRoundOpen");
  }
}
