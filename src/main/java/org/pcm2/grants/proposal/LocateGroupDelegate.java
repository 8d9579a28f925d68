package org.pcm2.grants.proposal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.GroupLocation;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.proposal.SubprojectGrantProcess.Var;
import org.springframework.stereotype.Component;

/**
 * Finds the unit and commune of the proposing group and sets the variables that route the
 * commune's tasks to its own leaders.
 */
@Component("locateGroupDelegate")
class LocateGroupDelegate implements JavaDelegate {

  private final DirectoryService directory;

  LocateGroupDelegate(DirectoryService directory) {
    this.directory = directory;
  }

  @Override
  public void execute(DelegateExecution execution) {
    GroupLocation location = directory.locate((String) execution.getVariable(Var.GROUP_CODE));
    execution.setVariable(Var.GROUP_NAME, location.group().name());
    execution.setVariable(Var.UNIT_CODE, location.unitCode());
    execution.setVariable(Var.UNIT_NAME, location.unitName());
    execution.setVariable(Var.COMMUNE_CODE, location.commune().code());
    execution.setVariable(Var.COMMUNE_NAME, location.commune().name());
    execution.setVariable(Var.COMMUNE_LEADERS_GROUP, IdentityGroups.communeLeaders(location.commune().code()));
  }
}
