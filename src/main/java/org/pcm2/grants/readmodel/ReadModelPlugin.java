package org.pcm2.grants.readmodel;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.pcm2.grants.grantcycle.GrantCycleParseListener;
import org.springframework.stereotype.Component;

/**
 * Attaches the read model to the grant cycle when its model is parsed: on entering each
 * user task and end event, and on leaving each service step.
 */
@Component
class ReadModelPlugin extends AbstractProcessEnginePlugin {

  private final SubprojectReadModel readModel;

  ReadModelPlugin(SubprojectReadModel readModel) {
    this.readModel = readModel;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    GrantCycleParseListener.register(configuration, new GrantCycleParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(activity, ExecutionListener.EVENTNAME_START);
      }

      @Override
      public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(activity, ExecutionListener.EVENTNAME_START);
      }

      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(activity, ExecutionListener.EVENTNAME_END);
      }

      private void attach(ActivityImpl activity, String event) {
        if (inGrantCycle(activity)) {
          activity.addListener(event, readModel);
        }
      }
    });
  }
}
