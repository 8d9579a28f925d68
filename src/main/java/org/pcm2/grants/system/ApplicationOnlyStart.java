package org.pcm2.grants.system;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Component;

/**
 * {@code ${applicationOnlyStart}} on the start event of a process that only the application
 * starts, writing its own row in the same transaction (community feedback, a dialogue's
 * commitments): no signed-in person starts it through an engine door, administrators
 * included, so there is never an instance without its row, or with values a caller chose.
 */
@Component("applicationOnlyStart")
public class ApplicationOnlyStart implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    Authentication person = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (person != null && person.getUserId() != null) {
      throw new InvalidInputException(List.of(new FieldError("processDefinitionKey",
          Texts.both("system.applicationOnlyStart"))));
    }
  }
}
