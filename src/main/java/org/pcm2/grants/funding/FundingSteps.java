package org.pcm2.grants.funding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.pcm2.grants.system.Actors;

/** What the money steps of the grant cycle share. */
final class FundingSteps {

  private FundingSteps() {
  }

  /** The user whose action runs the step, or "system" for timers and jobs. */
  static String actor(DelegateExecution execution) {
    return Actors.current(execution.getProcessEngineServices(), null);
  }
}
