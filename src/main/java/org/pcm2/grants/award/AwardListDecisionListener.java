package org.pcm2.grants.award;

import static org.pcm2.grants.grantcycle.GrantVariables.text;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Decision;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Element;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Var;
import org.pcm2.grants.grantcycle.GrantVariables;
import org.pcm2.grants.audit.AuditEntry;
import org.pcm2.grants.audit.AuditTrail;
import org.pcm2.grants.system.Actors;
import org.pcm2.grants.system.FieldChecks;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Component;

/**
 * The director's decision on the award list: approve, or return it with a comment that
 * the officer sees when the selection task comes back. Recorded in the audit trail.
 */
@Component("decideAwardList")
public class AwardListDecisionListener implements TaskListener {

  private final AuditTrail auditTrail;

  public AwardListDecisionListener(AuditTrail auditTrail) {
    this.auditTrail = auditTrail;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> v = task.getVariables();
    String decision = text(v, Var.AWARD_LIST_DECISION);
    String comment = text(v, Var.AWARD_LIST_COMMENT);
    if (!Decision.APPROVE.equals(decision) && !Decision.RETURN.equals(decision)) {
      throw new InvalidInputException(List.of(new FieldError(Var.AWARD_LIST_DECISION,
          Texts.both("check.oneOf", List.of(Decision.APPROVE, Decision.RETURN).toString()))));
    }
    if (Decision.RETURN.equals(decision) && (comment == null || comment.isEmpty())) {
      throw new InvalidInputException(List.of(new FieldError(Var.AWARD_LIST_COMMENT,
          Texts.both("award.returnReason"))));
    }
    if (comment != null && comment.length() > FieldChecks.MAX_TEXT) {
      throw new InvalidInputException(List.of(new FieldError(Var.AWARD_LIST_COMMENT,
          Texts.both("check.longer", FieldChecks.MAX_TEXT))));
    }
    String actor = Actors.current(task.getProcessEngineServices(), task.getAssignee());
    auditTrail.append(new AuditEntry((String) v.get(Var.ROUND_CODE), task.getProcessInstanceId(),
        Element.APPROVE_AWARD_LIST, Texts.vietnamese("step." + Element.APPROVE_AWARD_LIST), decision, comment,
        GrantVariables.whole(v, Var.SELECTED_TOTAL), actor, Instant.now()));
    if (comment != null && !comment.isEmpty()) {
      task.getProcessEngineServices().getTaskService().createComment(task.getId(), task.getProcessInstanceId(),
          decision + ": " + comment);
    }
  }
}
