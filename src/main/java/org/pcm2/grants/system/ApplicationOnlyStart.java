package org.pcm2.grants.feedback;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Component;

/**
 * Feedback starts only from the application ({@link FeedbackIntake}, which writes its row in
 * the same transaction): no signed-in person starts the process through an engine door,
 * administrators included, so there is never an instance without its row, or with a
 * reference or routing a caller chose.
 */
@Component("feedbackStartGuard")
class FeedbackStartGuard implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    Authentication person = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (person != null && person.getUserId() != null) {
      throw new InvalidInputException(List.of(new FieldError("processDefinitionKey",
          Texts.both("feedback.onlyThroughPage"))));
    }
  }
}
