package org.pcm2.grants.notification;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.pcm2.grants.proposal.SubprojectGrantProcess;
import org.springframework.stereotype.Component;

/** Attaches the task mails to every user task of the grant cycle when its model is parsed. */
@Component
class TaskMailPlugin extends AbstractProcessEnginePlugin {

  private final TaskMailListener listener;

  TaskMailPlugin(TaskMailListener listener) {
    this.listener = listener;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (SubprojectGrantProcess.KEY.equals(((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey())) {
          var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
          definition.addTaskListener(TaskListener.EVENTNAME_CREATE, listener);
          definition.addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, listener);
        }
      }
    });
  }
}
