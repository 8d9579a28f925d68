package org.pcm2.grants.access;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
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
    CommandContext context = Context.getCommandContext();
    // the grants are the registration's own, not an act of the person whose step this is: the
    // engine's user operation log would show them as that person creating four authorizations
    if (context.isUserOperationLogEnabled()) {
      context.executeWithOperationLogPrevented(same -> {
        grant(same, authorizations, instance, leaders, facilitator);
        return null;
      });
    } else {
      grant(context, authorizations, instance, leaders, facilitator); // already not logged: left so
    }
  }

  private static void grant(CommandContext context, AuthorizationService authorizations, String instance,
      String leaders, String facilitator) {
    context.runWithoutAuthorization(() -> {
      if (leaders != null) {
        Grants.toGroup(authorizations, leaders, Resources.PROCESS_INSTANCE, instance, ProcessInstancePermissions.READ);
        Grants.toGroup(authorizations, leaders, Resources.HISTORIC_PROCESS_INSTANCE, instance,
            HistoricProcessInstancePermissions.READ);
      }
      if (facilitator != null) {
        Grants.toUser(authorizations, facilitator, Resources.PROCESS_INSTANCE, instance,
            ProcessInstancePermissions.READ);
        Grants.toUser(authorizations, facilitator, Resources.HISTORIC_PROCESS_INSTANCE, instance,
            HistoricProcessInstancePermissions.READ);
      }
      return null;
    });
  }
}
