package org.pcm2.grants.dialogue;

import java.sql.Timestamp;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pcm2.grants.dialogue.DialogueProcess.Var;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.notification.NotificationKind;
import org.pcm2.grants.notification.NotificationPort;
import org.pcm2.grants.notification.NotificationRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The service steps of a commitment ({@code ${commitmentSteps.…(execution)}}): remind, tell DWC, close. */
@Component("commitmentSteps")
public class CommitmentSteps {

  private final JdbcClient jdbc;
  private final NotificationPort notifications;

  public CommitmentSteps(JdbcClient jdbc, NotificationPort notifications) {
    this.jdbc = jdbc;
    this.notifications = notifications;
  }

  public void remind(DelegateExecution execution) {
    notify(execution, NotificationKind.COMMITMENT_REMINDER, List.of());
  }

  public void escalate(DelegateExecution execution) {
    notify(execution, NotificationKind.COMMITMENT_OVERDUE, List.of(IdentityGroups.DWC_OFFICERS));
  }

  /** Kept or not, with the owner's note. */
  public void close(DelegateExecution execution) {
    jdbc.sql("UPDATE dialogue_commitment SET status = ?, outcome_note = ?, closed_at = ? WHERE id = ?")
        .params(String.valueOf(execution.getVariable(Var.OUTCOME)), execution.getVariable(Var.NOTE),
            Timestamp.from(ClockUtil.getCurrentTime().toInstant()),
            ((Number) execution.getVariable(Var.COMMITMENT_ID)).longValue()).update();
  }

  private void notify(DelegateExecution execution, NotificationKind kind, List<String> groups) {
    notifications.request(new NotificationRequest(kind, execution.getProcessBusinessKey(),
        execution.getProcessInstanceId(), String.valueOf(execution.getVariable(Var.TITLE)),
        String.valueOf(execution.getVariable(Var.COMMUNE_NAME)), null,
        List.of(String.valueOf(execution.getVariable(Var.OWNER))), groups));
  }
}
