package org.pcm2.grants.access;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.pcm2.grants.grantcycle.GrantCycleParseListener;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.springframework.stereotype.Component;

/** Grants a sub-project's readers when its proposal has been registered. */
@Component
class SubprojectAccessPlugin extends AbstractProcessEnginePlugin {

  private final SubprojectAccess access;

  SubprojectAccessPlugin(SubprojectAccess access) {
    this.access = access;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    GrantCycleParseListener.register(configuration, new GrantCycleParseListener() {
      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (inGrantCycle(activity) && SubprojectGrantProcess.Element.REGISTER_PROPOSAL.equals(activity.getId())) {
          activity.addListener(ExecutionListener.EVENTNAME_END, access);
        }
      }
    });
  }
}
