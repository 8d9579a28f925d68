package org.pcm2.grants.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.grantcycle.GrantVariables;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.springframework.stereotype.Component;

/**
 * The models' {@code ${notify.send(execution, 'KIND')}}: builds the request from the
 * sub-project's variables and hands it to the notification port.
 */
@Component("notify")
public class NotifyStep {

  private final NotificationPort port;

  public NotifyStep(NotificationPort port) {
    this.port = port;
  }

  public void send(DelegateExecution execution, String kind) {
    NotificationKind notificationKind = NotificationKind.valueOf(kind);
    Map<String, Object> v = execution.getVariables();
    List<String> users = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    String facilitator = GrantVariables.text(v, Var.FACILITATOR_ID);
    String leaders = GrantVariables.text(v, Var.COMMUNE_LEADERS_GROUP);
    switch (notificationKind.audience()) {
      case FACILITATOR -> users.add(facilitator);
      case COMMUNE_LEADERS -> groups.add(leaders);
      case FACILITATOR_AND_LEADERS -> {
        users.add(facilitator);
        groups.add(leaders);
      }
      case FACILITATOR_COPY_DWC -> {
        users.add(facilitator);
        groups.add(IdentityGroups.DWC_OFFICERS);
      }
      case DWC_OFFICERS_COPY_LEADERS -> {
        groups.add(IdentityGroups.DWC_OFFICERS);
        groups.add(leaders);
      }
      case DWC_OFFICERS -> groups.add(IdentityGroups.DWC_OFFICERS);
      case AS_REQUESTED -> throw new IllegalArgumentException(kind + " names its people itself: not a model's notify");
    }
    users.removeIf(u -> u == null || u.isBlank());
    groups.removeIf(g -> g == null || g.isBlank());
    Long amount = v.containsKey(Var.TRANCHE_AMOUNT) && notificationKind == NotificationKind.DISBURSEMENT_RECORDED
        ? GrantVariables.whole(v, Var.TRANCHE_AMOUNT)
        : v.containsKey(Var.APPROVED_GRANT) ? GrantVariables.whole(v, Var.APPROVED_GRANT)
        : GrantVariables.whole(v, Var.REQUESTED_GRANT);
    port.request(new NotificationRequest(notificationKind, execution.getProcessBusinessKey(),
        execution.getProcessInstanceId(), GrantVariables.text(v, Var.TITLE), GrantVariables.text(v, Var.COMMUNE_NAME),
        amount, users, groups));
  }
}
