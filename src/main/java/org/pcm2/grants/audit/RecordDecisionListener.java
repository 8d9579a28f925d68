package org.pcm2.grants.audit;

import static org.pcm2.grants.grantcycle.GrantVariables.text;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pcm2.grants.grantcycle.GrantVariables;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.system.Actors;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * On completion of a human step: refuses a decision without its required comment or
 * inputs (the task stays open), then records who decided what in the audit trail and as
 * a task comment that Tasklist and Cockpit show, and keeps the reasons for the next step.
 */
@Component("recordDecision")
public class RecordDecisionListener implements TaskListener {

  private final AuditTrail auditTrail;

  public RecordDecisionListener(AuditTrail auditTrail) {
    this.auditTrail = auditTrail;
  }

  @Override
  public void notify(DelegateTask task) {
    DecisionPoint point = DecisionPoint.of(task.getTaskDefinitionKey());
    Map<String, Object> variables = task.getVariables();
    List<FieldError> errors = point.check(variables);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    String outcome = point.outcome(variables);
    String comment = text(variables, point.commentVariable());
    Long amount = point.amountVariable() == null ? null : GrantVariables.whole(variables, point.amountVariable());
    String actor = Actors.current(task.getProcessEngineServices(), task.getAssignee());
    auditTrail.append(new AuditEntry((String) variables.get(Var.SUBPROJECT_CODE), task.getProcessInstanceId(),
        task.getTaskDefinitionKey(), point.label(), outcome, comment, amount, actor, Instant.now()));
    if (comment != null && !comment.isEmpty()) {
      task.getProcessEngineServices().getTaskService()
          .createComment(task.getId(), task.getProcessInstanceId(), outcome + ": " + comment);
    }
    if (point.sendsBack(variables)) {
      task.setVariable(Var.REVISION_REASONS, point.label() + ": " + comment);
    }
    if (point.rejects(variables)) {
      task.setVariable(Var.REJECTION_REASON, point.label() + ": " + comment);
    }
  }

}
