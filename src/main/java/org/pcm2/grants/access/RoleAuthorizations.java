package org.pcm2.grants.access;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.SystemPermissions;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.pcm2.grants.grantcycle.AwardRoundProcess;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each role may do in Camunda, granted to its group at every start (what is there
 * is kept; what is missing is added). The work itself comes with the task: Camunda gives a
 * task's candidate group and assignee the right to read and work it. A sub-project's
 * instance is readable by its commune's leaders and its facilitator ({@link SubprojectAccess}).
 *
 * <ul>
 * <li>everyone with a role: the Tasklist, the models and decision tables (each shared filter
 *     is granted to the roles it serves by {@code TasklistFilters});</li>
 * <li>facilitators: start a grant cycle; DWC officers: start an award round;</li>
 * <li>DWC (officers, finance, director): read every instance, task and history; Cockpit;
 *     read users and groups;</li>
 * <li>administrators: users, groups, memberships, authorizations; the Admin webapp and
 *     Cockpit; no task, no instance.</li>
 * </ul>
 */
@Component
@Order(-10)
class RoleAuthorizations implements ApplicationRunner {

  static final List<String> ROLES = List.of(IdentityGroups.FACILITATORS, IdentityGroups.COMMUNE_LEADERS,
      IdentityGroups.DWC_OFFICERS, IdentityGroups.DWC_FINANCE, IdentityGroups.DWC_DIRECTORS);
  static final List<String> DWC = List.of(IdentityGroups.DWC_OFFICERS, IdentityGroups.DWC_FINANCE,
      IdentityGroups.DWC_DIRECTORS);

  private final AuthorizationService authorizations;

  RoleAuthorizations(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    for (String role : ROLES) {
      grant(role, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      revokeEarlierGrant(role, Resources.FILTER); // each filter is now granted to the roles it serves
      grant(role, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
      grant(role, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.CREATE_INSTANCE);
      grant(role, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    }
    grant(IdentityGroups.FACILITATORS, Resources.PROCESS_DEFINITION, SubprojectGrantProcess.KEY,
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(IdentityGroups.FACILITATORS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    grant(IdentityGroups.DWC_OFFICERS, Resources.PROCESS_DEFINITION, AwardRoundProcess.KEY,
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(IdentityGroups.DWC_OFFICERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    for (String dwc : DWC) {
      grant(dwc, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      grant(dwc, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ_INSTANCE,
          ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
          ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);
      grant(dwc, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
      grant(dwc, Resources.TASK, ANY, TaskPermissions.READ);
      grant(dwc, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
      grant(dwc, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
      grant(dwc, Resources.DECISION_DEFINITION, ANY, Permissions.READ_HISTORY);
      grant(dwc, Resources.USER, ANY, Permissions.READ);
      grant(dwc, Resources.GROUP, ANY, Permissions.READ);
    }
    String admins = IdentityGroups.ADMINISTRATORS;
    grant(admins, Resources.APPLICATION, "admin", Permissions.ACCESS);
    grant(admins, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    for (Resource identity : List.of(Resources.USER, Resources.GROUP, Resources.GROUP_MEMBERSHIP,
        Resources.AUTHORIZATION, Resources.TENANT, Resources.TENANT_MEMBERSHIP)) {
      grant(admins, identity, ANY, Permissions.ALL);
    }
    grant(admins, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
    grant(admins, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(admins, Resources.SYSTEM, ANY, SystemPermissions.READ);
    workNotUpdate();
  }

  /**
   * Tasks opened before task rights became TASK_WORK (application.yaml) still give their
   * people UPDATE, with which they could rewrite the task's variables, candidates and
   * assignee: their UPDATE becomes TASK_WORK. Once done, the query finds nothing.
   */
  private void workNotUpdate() {
    for (Authorization old : authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
        .hasPermission(TaskPermissions.UPDATE).list()) {
      old.removePermission(TaskPermissions.UPDATE);
      old.addPermission(TaskPermissions.TASK_WORK);
      authorizations.saveAuthorization(old);
    }
  }

  private void revokeEarlierGrant(String group, Resource resource) {
    authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource).resourceId(ANY).list()
        .forEach(a -> authorizations.deleteAuthorization(a.getId()));
  }

  private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    Grants.toGroup(authorizations, group, resource, resourceId, permissions);
  }
}
