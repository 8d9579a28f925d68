package org.pcm2.grants.proposal;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.springframework.stereotype.Component;

/** Maps the proposal to the screening decision's inputs and its result back to variables. */
@Component("screenProposalDelegate")
public class ScreenProposalDelegate implements JavaDelegate {

  private final ScreeningService screening;
  private final OpenSubprojects openSubprojects;
  private final Attachments attachments;

  public ScreenProposalDelegate(ScreeningService screening, OpenSubprojects openSubprojects,
      Attachments attachments) {
    this.screening = screening;
    this.openSubprojects = openSubprojects;
    this.attachments = attachments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(Var.FUND_CODE, execution.getVariable(Var.FUND_CODE));
    inputs.put(Var.UNIT_TYPE, execution.getVariable(Var.UNIT_TYPE));
    // a file of the minutes kept with the sub-project, not what a form says about them
    boolean minutes = attachments.count(execution.getProcessBusinessKey(), "MINUTES") > 0;
    execution.setVariable(Var.HAS_MEETING_MINUTES, minutes);
    inputs.put(Var.HAS_MEETING_MINUTES, minutes);
    inputs.put(Var.CONTRIBUTION_SHARE, execution.getVariable(Var.CONTRIBUTION_SHARE));
    inputs.put(Var.OPEN_SUBPROJECTS_OF_GROUP, openSubprojects.countOthers((String) execution.getVariable(Var.GROUP_CODE),
        (String) execution.getVariable(Var.CYCLE_CODE), execution.getProcessInstanceId()));
    inputs.put(Var.DURATION_MONTHS, execution.getVariable(Var.DURATION_MONTHS));
    inputs.put(Var.TOTAL_BENEFICIARIES, execution.getVariable(Var.TOTAL_BENEFICIARIES));

    ScreeningService.Result result = screening.screen(inputs);
    String reasons = String.join("\n", result.reasons());
    execution.setVariable(Var.SCREENING_OUTCOME, result.outcome().name());
    execution.setVariable(Var.SCREENING_REASONS, reasons);
    if (result.outcome() == ScreeningService.Outcome.NEEDS_REVISION) {
      execution.setVariable(Var.REVISION_REASONS, reasons);
    }
  }
}
