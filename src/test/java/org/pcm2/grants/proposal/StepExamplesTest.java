package org.pcm2.grants.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.audit.DecisionPoint;
import org.pcm2.grants.forms.FieldRule;
import org.pcm2.grants.forms.StepForms;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;

/** The API document's example of each step is one the server takes: its form's rules and the audit's checks. */
class StepExamplesTest {

  @Test
  void everyStepHasAnExampleItsChecksTake() {
    StepForms forms = StepForms.deployed();
    for (DecisionPoint point : DecisionPoint.values()) {
      Map<String, Object> example = StepExamples.of(point.taskKey());
      assertThat(example).as(point.taskKey()).isNotEmpty();
      StepForms.Step step = forms.step(point.taskKey()).orElseThrow();
      Map<String, FieldRule> rules = forms.of(step.formId()).orElseThrow().rules();
      example.forEach((field, value) -> {
        assertThat(rules).as(point.taskKey() + " has " + field).containsKey(field);
        assertThat(rules.get(field).problem(value)).as(point.taskKey() + "." + field).isNull();
      });
      assertThat(example.keySet()).as(point.taskKey()).containsAll(forms.requiredAt(step));
      Map<String, Object> atTheStep = new HashMap<>(example);
      atTheStep.putIfAbsent(Var.REQUESTED_GRANT, 15_000_000L);
      assertThat(point.check(atTheStep)).as(point.taskKey()).isEmpty();
    }
  }

  @Test
  void eachStepIsDocumentedUnderItsOwnName() {
    assertThat(StepRequestDocument.schemaNames()).containsEntry("UserTask_ReviewProposal", "ReviewProposalStep")
        .hasSize(DecisionPoint.values().length);
  }
}
