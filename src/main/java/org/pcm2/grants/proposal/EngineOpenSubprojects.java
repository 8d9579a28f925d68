package org.pcm2.grants.proposal;

import org.camunda.bpm.engine.RuntimeService;
import org.pcm2.grants.proposal.SubprojectGrantProcess.Var;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Counts the running grant cycles of the group and cycle in the engine. */
@Component
class EngineOpenSubprojects implements OpenSubprojects {

  private final RuntimeService runtime;

  EngineOpenSubprojects(@Lazy RuntimeService runtime) {
    this.runtime = runtime;
  }

  @Override
  public long countOthers(String groupCode, String cycleCode, String exceptProcessInstanceId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(SubprojectGrantProcess.KEY)
        .variableValueEquals(Var.GROUP_CODE, groupCode).variableValueEquals(Var.CYCLE_CODE, cycleCode)
        .list().stream().filter(p -> !p.getId().equals(exceptProcessInstanceId)).count();
  }
}
