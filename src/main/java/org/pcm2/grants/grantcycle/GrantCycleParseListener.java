package org.pcm2.grants.grantcycle;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * Base of the parse listeners that attach cross-cutting behaviour (read model, task mails)
 * to the grant cycle's elements when its model is parsed, so the model stays free of it.
 */
public abstract class GrantCycleParseListener extends AbstractBpmnParseListener {

  /** Whether the activity belongs to the grant cycle (and not to another process). */
  protected static boolean inGrantCycle(ActivityImpl activity) {
    return SubprojectGrantProcess.KEY.equals(((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey());
  }

  /** Adds the listener to the engine's post-parse listeners. */
  public static void register(ProcessEngineConfigurationImpl configuration, GrantCycleParseListener listener) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(listener);
  }
}
