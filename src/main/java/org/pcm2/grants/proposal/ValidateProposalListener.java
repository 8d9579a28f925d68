package org.pcm2.grants.proposal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Refuses a proposal with wrong fields when it is submitted (start event) and when it is
 * resubmitted (revision task): the engine's transaction rolls back, nothing is half-made.
 */
@Component("validateProposal")
public class ValidateProposalListener implements ExecutionListener, TaskListener {

  private final ProposalValidator validator;

  public ValidateProposalListener(ProposalValidator validator) {
    this.validator = validator;
  }

  @Override
  public void notify(DelegateExecution execution) {
    validator.checkSubmission(execution.getVariables());
  }

  @Override
  public void notify(DelegateTask task) {
    validator.check(task.getVariables());
  }
}
