package org.pcm2.grants.proposal;

import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Service;

/** DWC cancels a sub-project at any stage before closure. */
@Service
public class SubprojectCancellation {

  private final RuntimeService runtime;

  public SubprojectCancellation(RuntimeService runtime) {
    this.runtime = runtime;
  }

  public void cancel(String subprojectCode, String actor, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException(java.util.List.of(new FieldError(Var.CANCEL_REASON,
          Texts.both("proposal.cancelReason"))));
    }
    runtime.createMessageCorrelation(SubprojectGrantProcess.MESSAGE_CANCEL)
        .processInstanceBusinessKey(subprojectCode)
        .setVariables(Variables.createVariables().putValue(Var.CANCEL_REASON, reason).putValue(Var.CANCELLED_BY, actor))
        .correlate();
  }
}
