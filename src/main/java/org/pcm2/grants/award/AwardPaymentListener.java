package org.pcm2.grants.award;

import static org.pcm2.grants.grantcycle.GrantVariables.text;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Element;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Var;
import org.pcm2.grants.notification.NotificationKind;
import org.pcm2.grants.grantcycle.GrantVariables;
import org.pcm2.grants.audit.AuditEntry;
import org.pcm2.grants.audit.AuditTrail;
import org.pcm2.grants.system.Actors;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.texts.Texts;
import org.pcm2.grants.system.FieldChecks;
import org.pcm2.grants.system.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * One payment task per award. Created: the task holds the award's details, and its
 * execution the payment fields, so parallel payments never share them. Completed: the payment date and
 * reference are required, the payment is recorded in the ledger and the winner is told.
 */
@Component("payAward")
public class AwardPaymentListener implements TaskListener {

  private final AwardRounds rounds;
  private final AwardNotices notices;
  private final AuditTrail auditTrail;

  public AwardPaymentListener(AwardRounds rounds, AwardNotices notices, AuditTrail auditTrail) {
    this.rounds = rounds;
    this.notices = notices;
    this.auditTrail = auditTrail;
  }

  @Override
  public void notify(DelegateTask task) {
    String roundCode = (String) task.getVariable(Var.ROUND_CODE);
    String subprojectCode = (String) task.getVariable(Var.AWARD_SUBPROJECT);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      Award award = rounds.award(roundCode, subprojectCode).orElseThrow();
      task.setVariableLocal(Var.AWARD_TITLE, award.title());
      task.setVariableLocal(Var.AWARD_UNIT, award.unitName());
      task.setVariableLocal(Var.AWARD_COMMUNE, award.communeName());
      task.setVariableLocal(Var.AWARD_TIER, award.proposedTier());
      task.setVariableLocal(Var.AWARD_AMOUNT, award.amount());
      // the payment's own execution holds its fields, so that parallel payments never write the same variable
      task.getExecution().setVariableLocal(Var.PAYMENT_DATE, null);
      task.getExecution().setVariableLocal(Var.PAYMENT_REFERENCE, null);
      return;
    }
    Map<String, Object> v = task.getVariables();
    List<FieldError> errors = new ArrayList<>();
    LocalDate paidOn = null;
    try {
      paidOn = GrantVariables.date(v, Var.PAYMENT_DATE);
      if (paidOn == null) {
        errors.add(FieldChecks.required(Var.PAYMENT_DATE));
      } else if (paidOn.isAfter(LocalDate.now())) {
        errors.add(new FieldError(Var.PAYMENT_DATE, Texts.both("award.paymentInFuture")));
      }
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(Var.PAYMENT_DATE, Texts.both("check.date")));
    }
    String reference = text(v, Var.PAYMENT_REFERENCE);
    if (reference == null || reference.isEmpty()) {
      errors.add(FieldChecks.required(Var.PAYMENT_REFERENCE));
    } else if (reference.length() > 200) {
      errors.add(new FieldError(Var.PAYMENT_REFERENCE, Texts.both("check.longer", 200)));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    String actor = Actors.current(task.getProcessEngineServices(), task.getAssignee());
    Award award = rounds.pay(roundCode, subprojectCode, paidOn, reference, actor);
    notices.toWinner(NotificationKind.AWARD_PAID, award, task.getProcessInstanceId());
    auditTrail.append(new AuditEntry(subprojectCode, task.getProcessInstanceId(), Element.PAY_AWARD,
        Texts.vietnamese("step." + Element.PAY_AWARD, roundCode), "PAID", reference, award.amount(), actor, Instant.now()));
  }
}
