package org.pcm2.grants.notification;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.pcm2.grants.grantcycle.GrantCycleParseListener;
import org.springframework.stereotype.Component;

/** Attaches the task mails to every user task of the project's models (grant cycle, award round) when parsed. */
@Component
class TaskMailPlugin extends AbstractProcessEnginePlugin {

  private final TaskMailListener listener;

  TaskMailPlugin(TaskMailListener listener) {
    this.listener = listener;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    GrantCycleParseListener.register(configuration, new GrantCycleParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        definition.addTaskListener(TaskListener.EVENTNAME_CREATE, listener);
        definition.addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, listener);
      }
    });
  }
}
