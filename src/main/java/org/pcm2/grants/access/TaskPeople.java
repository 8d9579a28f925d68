package org.pcm2.grants.access;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.DwcTeams;
import org.pcm2.grants.directory.GroupLocation;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.springframework.stereotype.Component;

/**
 * Who a task of the grant cycle is for, read from the directory when the task is created
 * ({@code ${people.communeLeaders(execution)}}, {@code ${people.facilitator(execution)}} in
 * the model): a commune's step goes to the leaders of the commune of the sub-project's
 * group, a facilitator's step to the group's current facilitator. A facilitator who took
 * the group over gets its next steps, and no variable a start or a step sent routes a task
 * elsewhere. A DWC step goes to the team responsible for the sub-project's province
 * ({@code ${people.dwc(execution, 'dwcOfficers')}}), or to everyone of the role ({@link DwcTeams}).
 */
@Component("people")
public class TaskPeople {

  private final DirectoryService directory;
  private final DwcTeams teams;

  public TaskPeople(DirectoryService directory, DwcTeams teams) {
    this.directory = directory;
    this.teams = teams;
  }

  /** The group of the leaders of the commune of the sub-project's group, e.g. {@code commune05740}. */
  public String communeLeaders(DelegateExecution execution) {
    return IdentityGroups.communeLeaders(location(execution).commune().code());
  }

  /** The current facilitator of the sub-project's group. */
  public String facilitator(DelegateExecution execution) {
    return location(execution).group().facilitatorId();
  }

  /**
   * The group of a DWC role ({@code dwcOfficers}, {@code dwcFinance}, {@code dwcDirectors}) that
   * a step of the sub-project goes to: its province's team's, e.g. {@code dwcOfficersMekong}, or the role's.
   */
  public String dwc(DelegateExecution execution, String role) {
    if (!IdentityGroups.DWC_ROLES.contains(role)) {
      throw new IllegalArgumentException("not a DWC role: " + role);
    }
    return teams.groupFor(role, location(execution).commune().code());
  }

  private GroupLocation location(DelegateExecution execution) {
    return directory.locate((String) execution.getVariable(Var.GROUP_CODE));
  }
}
