package org.pcm2.grants.access;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.pcm2.grants.directory.DirectoryService;
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
 * elsewhere.
 */
@Component("people")
public class TaskPeople {

  private final DirectoryService directory;

  public TaskPeople(DirectoryService directory) {
    this.directory = directory;
  }

  /** The group of the leaders of the commune of the sub-project's group, e.g. {@code commune05740}. */
  public String communeLeaders(DelegateExecution execution) {
    return IdentityGroups.communeLeaders(location(execution).commune().code());
  }

  /** The current facilitator of the sub-project's group. */
  public String facilitator(DelegateExecution execution) {
    return location(execution).group().facilitatorId();
  }

  private GroupLocation location(DelegateExecution execution) {
    return directory.locate((String) execution.getVariable(Var.GROUP_CODE));
  }
}
