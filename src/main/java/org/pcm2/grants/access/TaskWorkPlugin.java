package org.pcm2.grants.access;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/** Puts the task-work guard first on the completion and the assignment of every user task of every model. */
@Component
class TaskWorkPlugin extends AbstractProcessEnginePlugin {

  private final TaskWorkGuard guard;

  TaskWorkPlugin(TaskWorkGuard guard) {
    this.guard = guard;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        // built-in listeners run before the model's own: who first, then what
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, guard);
        // and a step is claimed or assigned only for one of its own people
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, guard);
      }
    });
  }
}
