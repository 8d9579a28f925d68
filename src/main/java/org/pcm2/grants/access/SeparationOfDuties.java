package org.pcm2.grants.access;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.audit.AuditEntry;
import org.pcm2.grants.audit.AuditTrail;
import org.pcm2.grants.system.Refusals;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Component;

/**
 * Four eyes on the grant cycle, whoever belongs to which groups: the officer who appraised
 * a grant does not approve it as director; the facilitator of a sub-project neither
 * evaluates nor closes it; whoever recorded a payment does not confirm its receipt. Who did
 * the earlier step is read from the audit trail, and the facilitator from what registration
 * took from the directory, never from what a step could have sent.
 */
@Component
public class SeparationOfDuties {

  private final AuditTrail auditTrail;

  public SeparationOfDuties(AuditTrail auditTrail) {
    this.auditTrail = auditTrail;
  }

  /** Refuses (403) when this person may not complete this step of this sub-project. */
  public void check(DelegateTask task, String user) {
    if (!task.getProcessDefinitionId().startsWith(SubprojectGrantProcess.KEY + ":")) {
      return;
    }
    String code = (String) task.getVariable(Var.SUBPROJECT_CODE);
    switch (task.getTaskDefinitionKey()) {
      case Element.APPROVE_AS_DIRECTOR -> refuseIf(decidedBy(code, Element.APPRAISE_PROPOSAL, user),
          "access.appraiserNotDirector");
      case Element.EVALUATE_RESULTS, Element.CLOSE_SUBPROJECT -> refuseIf(user.equals(task.getVariable(Var.FACILITATOR_ID)),
          "access.facilitatorNotJudge");
      case Element.CONFIRM_RECEIPT -> refuseIf(decidedBy(code, Element.RECORD_DISBURSEMENT_TASK, user),
          "access.payerNotReceiver");
      default -> {
        // no earlier step of this sub-project bars anyone from this one
      }
    }
  }

  private boolean decidedBy(String code, String step, String user) {
    Optional<AuditEntry> latest = code == null ? Optional.empty() : auditTrail.latest(code, List.of(step));
    return latest.map(entry -> user.equals(entry.actor())).orElse(false);
  }

  private static void refuseIf(boolean refused, String rule) {
    if (refused) {
      throw Refusals.forbidden(Texts.both("access.notAllowed", Texts.text(rule)));
    }
  }
}
