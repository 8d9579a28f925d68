package org.pcm2.grants.access;

import java.util.ArrayList;
import java.util.Set;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.pcm2.grants.grantcycle.AwardRoundProcess;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.springframework.stereotype.Component;

/** Puts the start guard first on the start event of the grant cycle and of the award round. */
@Component
class StartGuardPlugin extends AbstractProcessEnginePlugin {

  private static final Set<String> GUARDED = Set.of(SubprojectGrantProcess.KEY, AwardRoundProcess.KEY);

  private final StartGuard guard;

  StartGuardPlugin(StartGuard guard) {
    this.guard = guard;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        boolean processStart = scope instanceof ProcessDefinitionEntity;
        if (processStart && GUARDED.contains(((ProcessDefinitionEntity) scope).getKey())) {
          // built-in listeners run before the model's own and cannot be skipped by a caller
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, guard);
        }
      }
    });
  }
}
