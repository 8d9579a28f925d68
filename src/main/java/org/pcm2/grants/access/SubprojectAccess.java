package org.pcm2.grants.access;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.pcm2.grants.proposal.SubprojectGrantProcess.Var;
import org.springframework.stereotype.Component;

/**
 * Once a proposal is registered (its commune known), its instance and its history become
 * readable by the leaders of its commune and by its facilitator, and by nobody else
 * outside DWC. Idempotent: a resubmission passes here again.
 */
@Component
public class SubprojectAccess implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    String instance = execution.getProcessInstanceId();
    String leaders = (String) execution.getVariable(Var.COMMUNE_LEADERS_GROUP);
    String facilitator = (String) execution.getVariable(Var.FACILITATOR_ID);
    AuthorizationService authorizations = execution.getProcessEngineServices().getAuthorizationService();
    Context.getCommandContext().runWithoutAuthorization(() -> {
      grant(authorizations, leaders, null, Resources.PROCESS_INSTANCE, instance, ProcessInstancePermissions.READ);
      grant(authorizations, leaders, null, Resources.HISTORIC_PROCESS_INSTANCE, instance,
          HistoricProcessInstancePermissions.READ);
      grant(authorizations, null, facilitator, Resources.PROCESS_INSTANCE, instance, ProcessInstancePermissions.READ);
      grant(authorizations, null, facilitator, Resources.HISTORIC_PROCESS_INSTANCE, instance,
          HistoricProcessInstancePermissions.READ);
      return null;
    });
  }

  private static void grant(AuthorizationService authorizations, String group, String user, Resource resource,
      String resourceId, Permission permission) {
    if (group == null && user == null) {
      return;
    }
    var query = authorizations.createAuthorizationQuery().resourceType(resource).resourceId(resourceId);
    query = group != null ? query.groupIdIn(group) : query.userIdIn(user);
    if (query.count() > 0) {
      return;
    }
    Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setGroupId(group);
    authorization.setUserId(user);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    authorizations.saveAuthorization(authorization);
  }
}
