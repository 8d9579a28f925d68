package org.pcm2.grants.proposal;

import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.system.Unchecked;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Counts the running grant cycles of the group and cycle in the engine. */
@Component
class EngineOpenSubprojects implements OpenSubprojects {

  private final RuntimeService runtime;
  private final IdentityService identity;

  EngineOpenSubprojects(@Lazy RuntimeService runtime, @Lazy IdentityService identity) {
    this.runtime = runtime;
    this.identity = identity;
  }

  @Override
  public long countOthers(String groupCode, String cycleCode, String exceptProcessInstanceId) {
    // every open sub-project of the group counts, not only those the submitting person may read
    return Unchecked.read(identity, () -> runtime.createProcessInstanceQuery().processDefinitionKey(SubprojectGrantProcess.KEY)
        .variableValueEquals(Var.GROUP_CODE, groupCode).variableValueEquals(Var.CYCLE_CODE, cycleCode)
        .list().stream().filter(p -> !p.getId().equals(exceptProcessInstanceId)).count());
  }
}
